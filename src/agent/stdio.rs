//! The server's standard input and output, as rmcp's transport takes them. What it reads says
//! when it ends (the client is gone). What it writes, a JSON message a line, goes line by line
//! through [`crate::text::visible`], as everything the command line prints: a story's text
//! with a C1 control or a bidi control (which JSON writers leave raw) reaches a terminal that
//! shows the stream, or a log, as a JSON escape that means the same character.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::watch;

/// Written on standard output: each line escaped.
pub struct Escaped<W> {
    inner: W,
    /// The line being written, up to its newline.
    line: Vec<u8>,
    /// Escaped lines not yet taken by `inner`, and how much of them it took.
    out: Vec<u8>,
    sent: usize,
}

impl<W> Escaped<W> {
    pub fn new(inner: W) -> Escaped<W> {
        Escaped { inner, line: Vec::new(), out: Vec::new(), sent: 0 }
    }
}

impl<W: AsyncWrite + Unpin> Escaped<W> {
    /// Hands `inner` what is escaped and waiting.
    fn poll_out(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.sent < self.out.len() {
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &self.out[self.sent..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.sent += n;
        }
        self.out.clear();
        self.sent = 0;
        Poll::Ready(Ok(()))
    }

    /// Moves the whole lines of `line` to `out`, escaped.
    fn escape_lines(&mut self) {
        while let Some(end) = self.line.iter().position(|b| *b == b'\n') {
            let rest = self.line.split_off(end + 1);
            let line = std::mem::replace(&mut self.line, rest);
            push_escaped(&mut self.out, &line);
        }
    }
}

/// `line` escaped, onto `out`. The SDK writes UTF-8 JSON; anything else is passed on as it came.
fn push_escaped(out: &mut Vec<u8>, line: &[u8]) {
    match std::str::from_utf8(line) {
        Ok(text) => out.extend_from_slice(crate::text::visible(text).as_bytes()),
        Err(_) => out.extend_from_slice(line),
    }
}

impl<W: AsyncWrite + Unpin> AsyncWrite for Escaped<W> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        // What was escaped before goes out first: the writer waits while its reader does.
        ready!(this.poll_out(cx))?;
        this.line.extend_from_slice(buf);
        this.escape_lines();
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        // A flush sends an unfinished line too (a message is a line; there should be none).
        if !this.line.is_empty() {
            let line = std::mem::take(&mut this.line);
            push_escaped(&mut this.out, &line);
        }
        ready!(this.poll_out(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.as_mut().poll_flush(cx))?;
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// When `input_ended` becomes true (or its sender is gone).
pub async fn ended(mut input_ended: watch::Receiver<bool>) {
    let _ = input_ended.wait_for(|ended| *ended).await.map(|_| ());
}

/// Standard input that says when it ends (or fails): the client is gone.
pub struct Input {
    stdin: tokio::io::Stdin,
    ended: watch::Sender<bool>,
}

impl Input {
    pub fn new(stdin: tokio::io::Stdin, ended: watch::Sender<bool>) -> Input {
        Input { stdin, ended }
    }
}

impl AsyncRead for Input {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let (room, before) = (buf.remaining(), buf.filled().len());
        let polled = Pin::new(&mut self.stdin).poll_read(cx, buf);
        if let Poll::Ready(read) = &polled
            && (read.is_err() || (room > 0 && buf.filled().len() == before))
        {
            self.ended.send_replace(true);
        }
        polled
    }
}

#[cfg(test)]
mod tests;
