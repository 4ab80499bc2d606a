//! GitHub's refusals and transport failures, in the words of [`ApiError`].

use serde::Deserialize;

use super::ApiError;

/// What a status that is not success means: 401 the token (named by its source), 403/404 no
/// access to the repository, 422 GitHub's message with the fields at fault, anything else
/// the status and GitHub's message.
pub(super) fn refusal(status: u16, body: &str, repo: &str, token_source: &str) -> ApiError {
    let parsed: ErrorBody = serde_json::from_str(body).unwrap_or_default();
    let message = clip(if parsed.message.is_empty() { "no message".to_owned() } else { parsed.message.clone() });
    match status {
        401 => ApiError::TokenRejected { source_name: token_source.to_owned() },
        403 | 404 => ApiError::NoAccess { repo: repo.to_owned(), status },
        422 => {
            let fields: Vec<String> = parsed.errors.iter().map(describe_field_error).collect();
            let message = if fields.is_empty() { message } else { clip(format!("{message}: {}", fields.join("; "))) };
            ApiError::Invalid { message }
        }
        status => ApiError::Http { status, message },
    }
}

/// The part of GitHub's error body that is worth telling.
#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    errors: Vec<FieldError>,
}

#[derive(Deserialize)]
struct FieldError {
    #[serde(default)]
    resource: Option<String>,
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// `issue.title missing_field`, or GitHub's own words for the field when it gives them.
fn describe_field_error(e: &FieldError) -> String {
    let field = match (&e.resource, &e.field) {
        (Some(resource), Some(field)) => format!("{resource}.{field}"),
        (None, Some(field)) => field.clone(),
        (Some(resource), None) => resource.clone(),
        (None, None) => String::new(),
    };
    let what = e.message.clone().or_else(|| e.code.clone()).unwrap_or_default();
    format!("{field} {what}").trim().to_owned()
}

/// GitHub's words, kept to a line's worth.
fn clip(mut text: String) -> String {
    if let Some((cut, _)) = text.char_indices().nth(300) {
        text.truncate(cut);
        text.push('…');
    }
    text
}

/// A transport failure: not reaching the server (refused, no such host, timed out, cut off)
/// is being offline; anything else about the bytes is a shape error. ureq's messages name
/// the host and the cause, never a header, so the token is not in them.
pub(super) fn offline_or_shape(error: &ureq::Error) -> ApiError {
    match error {
        ureq::Error::Io(_)
        | ureq::Error::HostNotFound
        | ureq::Error::Timeout(_)
        | ureq::Error::ConnectionFailed
        | ureq::Error::Tls(_)
        | ureq::Error::Rustls(_)
        | ureq::Error::ConnectProxyFailed(_)
        | ureq::Error::BodyStalled => ApiError::Offline { detail: error.to_string() },
        other => ApiError::Shape(other.to_string()),
    }
}

#[cfg(test)]
mod tests;
