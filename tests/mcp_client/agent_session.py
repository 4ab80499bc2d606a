"""An agent's session with `sprintboard mcp`, driven by the official MCP Python SDK (`pip install mcp`).

Run by tests/mcp.rs, never by hand:

    python3 agent_session.py SCENARIO BIN BOARD [KEY...]

It starts `BIN mcp --board BOARD` over stdio as a real client would, plays one scenario, checks
what it can see from here (the tool's answers against the story files and the real CLI's
`show --format json`) and prints one JSON object on its last line: `failures` (what did not hold,
empty when all did) and what it saw, for the Rust test to assert on. The environment (HOME, XDG
dirs, SPRINTBOARD_NOW, SPRINTBOARD_USER or its absence) is the test's, passed on to the server.

Exit status 3: the SDK is not installed (the test fails and says how to install it).
"""

import json
import os
import subprocess
import sys
import time
import warnings
from contextlib import asynccontextmanager
from pathlib import Path

try:
    import anyio
    from mcp import Client, StdioServerParameters
    from mcp.client.subscriptions import ResourceUpdated
    from mcp.types import Implementation, ResourceUpdatedNotification
except ImportError as e:  # the test turns this into a failure that says what to install
    print(f"cannot import the MCP Python SDK 2.3.0 or later ({e}): python3 -m pip install mcp", file=sys.stderr)
    sys.exit(3)

# Every scenario runs well under the test's own limit (60 s); a hang fails here first.
SCENARIO_SECONDS = 40
# How long a resource-changed notification may take after the file changed.
NOTIFY_SECONDS = 10

# The field table's JSON names: create_story and edit_story take each of them.
FIELD_NAMES = [
    "title", "points", "assignee", "epic", "labels", "moscow", "blocked", "type", "status",
    "sprint", "rice", "wsjf", "blocked_by", "description", "acceptance",
]
READING_TOOLS = ["list_stories", "show_story", "board_summary", "forecast", "standup"]
WRITING_TOOLS = ["create_story", "edit_story", "move_story", "add_comment", "link_stories", "unlink_stories"]


class Session:
    """One scenario's run: the binary, the board, and what did not hold."""

    def __init__(self, bin_path, board):
        self.bin = bin_path
        self.board = Path(board)
        self.failures = []
        self.report = {}

    def check(self, cond, what):
        if not cond:
            self.failures.append(what)
        return cond

    def params(self, *extra):
        # The server gets this process's whole environment (the test's isolated one), not
        # the SDK's default handful of variables.
        return StdioServerParameters(
            command=self.bin, args=["mcp", "--board", str(self.board), *extra], env=dict(os.environ)
        )

    def client(self, name="claude-code", extra=(), mode="auto", message_handler=None):
        return Client(
            self.params(*extra),
            client_info=Implementation(name=name, version="1.0"),
            mode=mode,
            read_timeout_seconds=20,
            message_handler=message_handler,
        )

    @asynccontextmanager
    async def connect(self, **kw):
        """A client connected to its own server; how long closing it took goes in `exit_s` (the
        SDK closes the server's input, then after 2 s terminates a server that did not end)."""
        c = self.client(**kw)
        await c.__aenter__()
        try:
            yield c
        finally:
            started = time.monotonic()
            await c.__aexit__(*sys.exc_info())
            self.report.setdefault("exit_s", []).append(time.monotonic() - started)

    def cli(self, *args):
        """The real command line on the same board; it must succeed."""
        out = subprocess.run(
            [self.bin, "--board", str(self.board), *args], capture_output=True, text=True, timeout=20
        )
        if out.returncode != 0:
            raise RuntimeError(f"sprintboard {' '.join(args)} failed: {out.stderr}")
        return out.stdout

    def show(self, key):
        return json.loads(self.cli("show", key, "--format", "json"))

    def files(self):
        """Every file under the board and its bytes."""
        return {
            str(p.relative_to(self.board)): p.read_bytes() for p in sorted(self.board.rglob("*")) if p.is_file()
        }


def changed_files(before, after):
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


def story_file(key):
    return f"stories/{key}.ron"


async def call(s, c, tool, args):
    """Calls `tool`; its answer as plain data (and a failure when it is not a tool answer)."""
    r = await c.call_tool(tool, args)
    s.report.setdefault("called", []).append(tool)
    text = "".join(getattr(b, "text", "") for b in r.content)
    s.check(isinstance(r.structured_content, dict), f"{tool}: no structured content: {r!r}")
    return {"is_error": bool(r.is_error), "text": text, "structured": r.structured_content}


async def write(s, c, tool, args, key, expect_changed):
    """A writing call that must succeed: it changes exactly the files `expect_changed` names,
    and its structured story is what `show --format json` says."""
    before = s.files()
    r = await call(s, c, tool, args)
    after = s.files()
    s.check(not r["is_error"], f"{tool} {args}: refused: {r['text']}")
    changed = changed_files(before, after)
    s.check(changed == sorted(expect_changed), f"{tool} {args}: changed {changed}, expected {sorted(expect_changed)}")
    shown = s.show(key)
    story = (r["structured"] or {}).get("story") or {}
    for name, value in story.items():
        s.check(shown.get(name) == value, f"{tool}: structured story {name}={value!r} but show says {shown.get(name)!r}")
    s.check(bool(story) and story.get("key") == key, f"{tool}: the structured result names no story {key}: {r}")
    s.check(key in r["text"], f"{tool}: the text does not name {key}: {r['text']!r}")
    return r, shown


def last_by(shown):
    return shown["history"][-1]["by"] if shown["history"] else None


async def list_tools(s, c):
    tools = (await c.list_tools()).tools
    s.report["tools"] = [t.name for t in tools]
    s.check(len(set(s.report["tools"])) == len(tools), f"a tool listed twice: {s.report['tools']}")
    schemas = {t.name: t.input_schema for t in tools}
    for t in tools:
        s.check(t.input_schema.get("type") == "object", f"{t.name}: input schema is not an object schema")
        s.check(isinstance(t.input_schema.get("properties", {}), dict), f"{t.name}: properties is not an object")
        s.check(bool(t.description and t.description.strip()), f"{t.name}: no description")
    return schemas


async def scenario_tools(s, existing):
    """Every tool once (the writing ones checked against the files and the CLI)."""
    async with s.connect() as c:
        s.report["protocol"] = c.protocol_version
        schemas = await list_tools(s, c)
        s.check(sorted(schemas) == sorted(READING_TOOLS + WRITING_TOOLS), f"the tools: {sorted(schemas)}")
        create = schemas.get("create_story", {})
        props = create.get("properties", {})
        s.report["create_properties"] = sorted(props)
        s.check(create.get("required") == ["title"], f"create_story requires {create.get('required')}")
        for name in FIELD_NAMES:
            s.check(name in props, f"create_story's schema has no property {name}")
        s.report["move_properties"] = sorted(schemas.get("move_story", {}).get("properties", {}))

        # create_story with every field of the table at once.
        args = {
            "title": "Agent: retry the payment webhook",
            "points": 3,
            "assignee": "ana",
            "epic": "Payments",
            "labels": ["backend", "agent"],
            "moscow": "must",
            "blocked": "waiting for the API key",
            "type": "bug",
            "status": "In Progress",
            "sprint": "S1",
            "rice": [100, 2, 0.8, 3],
            "wsjf": [5, 3, 2, 5],
            "blocked_by": [existing],
            "description": "The webhook is *not* retried.",
            "acceptance": "- retried 3 times",
        }
        before = s.files()
        r = await call(s, c, "create_story", args)
        s.check(not r["is_error"], f"create_story refused: {r['text']}")
        key = (r["structured"] or {}).get("key")
        s.report["created"] = key
        changed = changed_files(before, s.files())
        s.check(changed == [story_file(key)], f"create_story changed {changed}")
        shown = s.show(key)
        s.report["created_show"] = shown
        for name in ["title", "points", "assignee", "labels", "blocked", "type", "status", "sprint",
                     "blocked_by", "description", "acceptance"]:
            s.check(shown.get(name) == args[name], f"create_story: show's {name} is {shown.get(name)!r}, asked {args[name]!r}")
        s.check(shown["epic"] == "Payments", f"create_story: epic {shown['epic']!r}")
        s.check(shown["moscow"].lower() == "must", f"create_story: moscow {shown['moscow']!r}")
        s.check(shown["rice"] == {"reach": 100, "impact": 2, "confidence": 0.8, "effort": 3}, f"create_story: rice {shown['rice']}")
        s.check(shown["wsjf"] == {"business_value": 5, "time_criticality": 3, "risk_reduction": 2, "job_size": 5},
                f"create_story: wsjf {shown['wsjf']}")
        for name, value in (r["structured"] or {}).get("story", {}).items():
            s.check(shown.get(name) == value, f"create_story: structured {name}={value!r}, show {shown.get(name)!r}")

        # show_story: its structured content is `show --format json`, field by field.
        r = await call(s, c, "show_story", {"key": key})
        s.check(not r["is_error"], f"show_story refused: {r['text']}")
        shown = s.show(key)
        detail = r["structured"] or {}
        s.check(sorted(detail) == sorted(shown), f"show_story's fields {sorted(detail)} != show's {sorted(shown)}")
        for name in shown:
            s.check(detail.get(name) == shown[name], f"show_story {name}: {detail.get(name)!r} != show {shown[name]!r}")
        s.check(args["title"] in r["text"], "show_story's text lacks the title")

        r, shown = await write(s, c, "edit_story",
                               {"key": key, "points": 5, "assignee": None, "blocked": None, "labels": ["agent"]},
                               key, [story_file(key)])
        s.check((shown["points"], shown["assignee"], shown["blocked"], shown["labels"]) == (5, None, None, ["agent"]),
                f"edit_story: show says {shown['points']}, {shown['assignee']}, {shown['blocked']}, {shown['labels']}")
        s.report["edit_by"] = last_by(shown)

        r, shown = await write(s, c, "move_story", {"key": key, "status": "Review"}, key, [story_file(key)])
        s.check(shown["status"] == "Review", f"move_story: status {shown['status']}")
        s.report["move_by"] = last_by(shown)
        r, shown = await write(s, c, "move_story", {"key": key, "before": existing}, key, [story_file(key)])
        order = [x["key"] for x in json.loads(s.cli("list", "--sprint", "S1", "--format", "json"))]
        s.check(order.index(key) < order.index(existing), f"move_story before: order {order}")
        s.report["order"] = order

        r, shown = await write(s, c, "add_comment", {"key": key, "text": "Started: the retry loop is in."},
                               key, [story_file(key)])
        s.check(shown["comments"] and shown["comments"][-1]["text"] == "Started: the retry loop is in.",
                f"add_comment: comments {shown['comments']}")
        s.report["comment_by"] = shown["comments"][-1]["by"] if shown["comments"] else None

        r, shown = await write(s, c, "unlink_stories", {"blocker": existing, "waiting": key}, key, [story_file(key)])
        s.check(shown["blocked_by"] == [], f"unlink_stories: blocked_by {shown['blocked_by']}")
        r, shown = await write(s, c, "link_stories", {"blocker": existing, "waiting": key}, key, [story_file(key)])
        s.check(shown["blocked_by"] == [existing], f"link_stories: blocked_by {shown['blocked_by']}")
        s.check(s.show(existing)["blocks"] == [key], f"link_stories: {existing} blocks {s.show(existing)['blocks']}")
        s.report["link_by"] = last_by(shown)

        # The reading tools, against the CLI's own listing.
        r = await call(s, c, "list_stories", {"sprint": "S1"})
        cli_list = json.loads(s.cli("list", "--sprint", "S1", "--format", "json"))
        s.check(not r["is_error"] and r["structured"]["stories"] == cli_list,
                f"list_stories: {r['structured']} != list --format json {cli_list}")
        s.check(r["structured"]["total"] == len(cli_list), f"list_stories: total {r['structured']['total']}")
        r = await call(s, c, "list_stories", {"filter": "#agent", "limit": 1})
        s.check([x["key"] for x in r["structured"]["stories"]] == [key], f"list_stories #agent: {r['structured']}")
        r = await call(s, c, "list_stories", {"limit": 1})
        s.check(len(r["structured"]["stories"]) == 1 and r["structured"]["total"] == 2,
                f"list_stories limit 1: {r['structured']}")
        s.check("1 more" in r["text"], f"list_stories limit 1 says nothing of the rest: {r['text']!r}")

        r = await call(s, c, "board_summary", {})
        s.check(not r["is_error"] and "S1" in r["text"], f"board_summary: {r['text']!r}")
        s.report["summary"] = r["structured"]

        # forecast and standup give what `report` gives (the same runs and seed).
        cli_forecast = json.loads(s.cli("report", "forecast", "--format", "json"))
        r = await call(s, c, "forecast", {"key": key})
        s.check(not r["is_error"] and key in r["text"], f"forecast story: {r['text']!r}")
        odds = [x for x in cli_forecast.get("stories", []) if x.get("key") == key]
        s.check(odds != [] and (r["structured"] or {}).get("odds") == odds[0],
                f"forecast {key}: {r['structured']} but report forecast says {odds}")
        r = await call(s, c, "forecast", {"epic": "Payments"})
        s.check(not r["is_error"] and "Payments" in r["text"], f"forecast epic: {r['text']!r}")
        odds = [x for x in cli_forecast.get("epics", []) if x.get("epic") == "Payments"]
        s.check(odds != [] and (r["structured"] or {}).get("odds") == odds[0],
                f"forecast Payments: {r['structured']} but report forecast says {odds}")
        s.report["forecast"] = r["text"]

        r = await call(s, c, "standup", {"since": "2026-11-19"})
        cli_standup = s.cli("report", "standup", "--since", "2026-11-19")
        s.check(not r["is_error"] and r["text"].strip() == cli_standup.strip(),
                f"standup: {r['text']!r} but report standup says {cli_standup!r}")
        s.report["standup"] = r["text"]
        s.report["final"] = s.show(key)


async def scenario_user(s, key, points):
    """A configured user's name wins over the client's."""
    async with s.connect() as c:
        r, shown = await write(s, c, "edit_story", {"key": key, "points": int(points)}, key, [story_file(key)])
        s.report["by"] = last_by(shown)


async def scenario_refused(s, key, closed):
    """Calls the board refuses: each a tool error that says why (the test checks the files)."""
    calls = {
        "unknown_key": ("edit_story", {"key": "SB-NOPE", "points": 2}),
        "unknown_key_move": ("move_story", {"key": "SB-NOPE", "status": "Done"}),
        "unknown_key_comment": ("add_comment", {"key": "SB-NOPE", "text": "hello"}),
        "closed_sprint": ("move_story", {"key": key, "sprint": closed}),
        "closed_sprint_edit": ("edit_story", {"key": key, "sprint": closed}),
        "bad_points": ("edit_story", {"key": key, "points": "x"}),
        "bad_points_create": ("create_story", {"title": "Never made", "points": "x"}),
        "unknown_field": ("edit_story", {"key": key, "colour": "red"}),
        "unknown_field_create": ("create_story", {"title": "Never made", "colour": "red"}),
        "no_title": ("create_story", {"points": 2}),
        "self_link": ("link_stories", {"blocker": key, "waiting": key}),
        "control_chars": ("create_story", {"title": "red \x1b[31malert\x07"}),
        "empty_title": ("edit_story", {"key": key, "title": "  "}),
        "create_in_closed_sprint": ("create_story", {"title": "Late", "sprint": closed}),
        "two_places": ("move_story", {"key": key, "top": True, "bottom": True}),
        "summary_argument": ("board_summary", {"verbose": True}),
    }
    async with s.connect() as c:
        for name, (tool, args) in calls.items():
            r = await call(s, c, tool, args)
            s.check(r["is_error"], f"{name}: {tool} {args} was not refused: {r['text']}")
            s.check(r["text"].strip() != "", f"{name}: refused without a word")
            s.report[name] = r["text"]
        # The server is still there, and the story as it was.
        r = await call(s, c, "show_story", {"key": key})
        s.check(not r["is_error"], f"show_story after the refusals: {r['text']}")


async def scenario_damaged(s, damaged, link, good):
    """Stories whose files cannot be read (a teammate's broken file, a symbolic link): every
    call on them is refused and says how to repair it; the rest of the board still works."""
    async with s.connect() as c:
        for bad in (damaged, link):
            for tool, args in [("show_story", {"key": bad}), ("edit_story", {"key": bad, "points": 1}),
                               ("move_story", {"key": bad, "status": "Done"}), ("add_comment", {"key": bad, "text": "x"}),
                               ("link_stories", {"blocker": bad, "waiting": good})]:
                r = await call(s, c, tool, args)
                s.check(r["is_error"], f"{tool} on the unreadable {bad} was not refused: {r['text']}")
                s.check("cannot be read" in r["text"] and f"sprintboard repair {bad}" in r["text"],
                        f"{tool} on {bad} does not say how to repair it: {r['text']}")
                s.report[f"{tool} {bad}"] = r["text"]
        r = await call(s, c, "list_stories", {})
        s.report["listed"] = [x["key"] for x in r["structured"]["stories"]]
        r = await call(s, c, "show_story", {"key": good})
        s.check(not r["is_error"] and r["structured"] == s.show(good), f"show_story {good} beside the damage: {r}")


async def scenario_concurrent(s, key, count):
    """Calls sent at once while the command line comments on the same story. A save whose file
    changed meanwhile is made again on the new file, up to the retry policy's attempts; past
    them it is refused, nothing written, and tried again (by the person, or here). Every comment
    said to be saved is on the story, once; none other is."""
    count = int(count)
    saved, refused = [], []
    async with s.connect() as c:

        async def comment(i):
            text = f"agent {i}"
            for _ in range(10):
                r = await call(s, c, "add_comment", {"key": key, "text": text})
                if not r["is_error"]:
                    saved.append(text)
                    return
                s.check("changed on disk" in r["text"], f"add_comment {i} refused: {r['text']}")
                refused.append(text)
            s.check(False, f"add_comment {i} was refused 10 times")

        def outside():
            for i in range(count):
                text = f"person {i}"
                for _ in range(10):
                    out = subprocess.run([s.bin, "--board", str(s.board), "comment", key, text],
                                         capture_output=True, text=True, timeout=20)
                    if out.returncode == 0:
                        saved.append(text)
                        break
                    s.check("changed on disk" in out.stderr, f"comment {text}: {out.stderr}")
                    refused.append(text)

        async with anyio.create_task_group() as tg:
            tg.start_soon(anyio.to_thread.run_sync, outside)
            for i in range(count):
                tg.start_soon(comment, i)
    s.report["saved"] = saved
    s.report["refused"] = refused
    s.report["comments"] = [x["text"] for x in s.show(key)["comments"]]


async def scenario_read_only(s, key):
    async with s.connect(extra=["--read-only"]) as c:
        schemas = await list_tools(s, c)
        s.check(sorted(schemas) == sorted(READING_TOOLS), f"read-only tools: {sorted(schemas)}")
        for tool, args in [("move_story", {"key": key, "status": "Done"}), ("create_story", {"title": "No"}),
                           ("add_comment", {"key": key, "text": "no"})]:
            r = await call(s, c, tool, args)
            s.check(r["is_error"], f"read-only {tool} was not refused: {r['text']}")
            s.report[tool] = r["text"]
        r = await call(s, c, "show_story", {"key": key})
        s.check(not r["is_error"] and r["structured"] == s.show(key), f"read-only show_story: {r}")


async def scenario_resources(s, key):
    uri = f"sprintboard://story/{key}"
    async with s.connect() as c:
        listed = [str(x.uri) for x in (await c.list_resources()).resources]
        s.report["resources"] = listed
        s.check("sprintboard://board/summary" in listed and uri in listed, f"list_resources: {listed}")
        read = await c.read_resource(uri)
        text = "".join(getattr(x, "text", "") for x in read.contents)
        shown = await call(s, c, "show_story", {"key": key})
        s.check(text == shown["text"], f"read_resource {uri}: {text!r} is not show_story's text")
        s.report["story_text"] = text
        summary = await c.read_resource("sprintboard://board/summary")
        s.check("Columns: " in "".join(getattr(x, "text", "") for x in summary.contents), "summary resource")

        # Another process moves the story: the subscriber hears of it (and of nothing before).
        async with c.listen(resource_subscriptions=[uri]) as sub:
            s.report["honored"] = list(sub.honored.resource_subscriptions or [])
            early = None
            with anyio.move_on_after(0.3):
                early = await sub.__anext__()
            s.check(early is None, f"a notification before anything changed: {early}")
            started = time.monotonic()
            await anyio.to_thread.run_sync(lambda: s.cli("move", key, "--status", "Done"))
            heard = None
            with anyio.move_on_after(NOTIFY_SECONDS):
                async for event in sub:
                    if isinstance(event, ResourceUpdated) and str(event.uri) == uri:
                        heard = time.monotonic() - started
                        break
            s.check(heard is not None, f"no resource-updated notification for {uri} within {NOTIFY_SECONDS} s")
            s.report["notified_after_s"] = heard
        read = await c.read_resource(uri)
        s.check("Status: Done" in "".join(getattr(x, "text", "") for x in read.contents), "read after the move")

    # The older handshake (initialize, clientInfo once): tools work, the name is kept, and
    # resources/subscribe brings notifications/resources/updated.
    updated = anyio.Event()

    async def on_message(message):
        if isinstance(message, ResourceUpdatedNotification) and str(message.params.uri) == uri:
            updated.set()

    async with s.connect(name="Codex CLI", mode="legacy", message_handler=on_message) as c:
        s.report["legacy_protocol"] = c.protocol_version
        names = [t.name for t in (await c.list_tools()).tools]
        s.check(len(names) == 11, f"legacy list_tools: {names}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # deprecated as of 2026-07-28, and what this protocol has
            await c.subscribe_resource(uri)
        started = time.monotonic()
        await anyio.to_thread.run_sync(lambda: s.cli("comment", key, "from outside"))
        with anyio.move_on_after(NOTIFY_SECONDS):
            await updated.wait()
        s.check(updated.is_set(), f"legacy: no notifications/resources/updated for {uri} within {NOTIFY_SECONDS} s")
        s.report["legacy_notified_after_s"] = time.monotonic() - started if updated.is_set() else None
        r, shown = await write(s, c, "edit_story", {"key": key, "points": 13}, key, [story_file(key)])
        s.report["legacy_by"] = last_by(shown)


SCENARIOS = {
    "tools": scenario_tools,
    "user": scenario_user,
    "refused": scenario_refused,
    "read_only": scenario_read_only,
    "damaged": scenario_damaged,
    "concurrent": scenario_concurrent,
    "resources": scenario_resources,
}


async def main():
    scenario, bin_path, board, *keys = sys.argv[1:]
    s = Session(bin_path, board)
    with anyio.fail_after(SCENARIO_SECONDS):
        await SCENARIOS[scenario](s, *keys)
    s.report["failures"] = s.failures
    print(json.dumps(s.report))


if __name__ == "__main__":
    anyio.run(main)
