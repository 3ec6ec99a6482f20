//! `workmail-policy serve`: the organization as a local WorkMail endpoint, so that code written
//! against the AWS SDKs or the AWS CLI can be tested without an AWS account.
//!
//! The server is a thin adapter: [`wire`] reads WorkMail's protocol (AWS JSON 1.1) and writes
//! its answers and errors, [`state`] runs each operation through the core's
//! `Organization::call` and saves changes, and this file carries requests between the two.
//!
//! HTTP is hyper's (1.x, HTTP/1 only) on a single-threaded tokio runtime. hyper is the most
//! widely deployed and fuzzed HTTP implementation in Rust, actively maintained, and bounds what
//! a client can make it hold (header sizes, header read time); with `hyper-util`'s graceful
//! shutdown, Ctrl-C lets the requests in progress finish. tiny_http, the smaller choice, was
//! measured and set aside: its last release is from 2022, it has no header size limit, and it
//! can panic on a client that disconnects right after connecting. hyper costs about ten more
//! seconds of a cold debug build on two cores. Operations and saves run on tokio's blocking
//! threads, so a save in progress never stalls the connections and always completes, even
//! at shutdown.

mod state;
mod wire;

use std::convert::Infallible;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use workmail_policy::diagnostic::capped;
use workmail_policy::{Diagnostic, shape};

use self::state::Served;
use self::wire::WireError;
use crate::args::ServeArgs;
use crate::files::read_organization;
use crate::host::shown;
use crate::native::{NativeHost, describe_io, stderr_line};
use crate::output::Failure;

/// How long Ctrl-C waits for the requests in progress before stopping anyway.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Serves the organization until Ctrl-C (or SIGTERM).
///
/// # Errors
/// A document that cannot be loaded or an address that is not loopback without
/// `--allow-remote` (invalid), or an address that cannot be listened on (failed).
pub fn run(args: &ServeArgs, quiet: bool) -> Result<(), Failure> {
    if !args.address.is_loopback() && !args.allow_remote {
        return Err(Failure::invalid(format!(
            "`{}` is not a loopback address: the server checks no signatures, so anyone who can \
             reach it could read and change the organization; pass `--allow-remote` to listen \
             there anyway",
            args.address
        )));
    }
    let (organization, warnings) = read_organization(&mut NativeHost, &args.org)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| {
            Failure::Failed(format!("cannot start the server: {}", describe_io(&error)))
        })?;
    let served = Arc::new(Served::new(organization, args.org.clone()));
    let warnings = if quiet { Vec::new() } else { warnings };
    // Dropping the runtime waits for the operations still running on its blocking threads, so
    // a save in progress completes before the process exits.
    runtime.block_on(serve(args, served, &warnings))
}

async fn serve(
    args: &ServeArgs,
    served: Arc<Served>,
    warnings: &[Diagnostic],
) -> Result<(), Failure> {
    let mut signals = StopSignals::install().map_err(|error| {
        Failure::Failed(format!("cannot watch for Ctrl-C: {}", describe_io(&error)))
    })?;
    let address = SocketAddr::new(args.address, args.port);
    let listener = TcpListener::bind(address).await.map_err(|error| {
        Failure::Failed(format!(
            "cannot listen on `{address}`: {}",
            describe_io(&error)
        ))
    })?;
    let bound = listener.local_addr().unwrap_or(address);
    stderr_line(&format!("listening on http://{bound}"));
    if !warnings.is_empty() {
        stderr_line(capped(warnings).to_string().trim_end());
    }
    if !args.address.is_loopback() {
        stderr_line(&format!(
            "warning: `{}` is not a loopback address: anyone who can reach it can read and change \
             the organization, and request signatures are not checked",
            args.address
        ));
    }
    stderr_line(&format!(
        "serving {} as WorkMail (AWS JSON 1.1; request signatures are not checked); Ctrl-C stops",
        shown(&args.org)
    ));

    let graceful = GracefulShutdown::new();
    let read_timeout = Duration::from_secs(args.read_timeout);
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(read_timeout);
    let signal = loop {
        tokio::select! {
            signal = signals.next() => break signal,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let served = Arc::clone(&served);
                    let service = service_fn(move |request| {
                        handle(request, Arc::clone(&served), read_timeout)
                    });
                    let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
                    tokio::spawn(async move {
                        // A connection's error (a client that hung up or sent no HTTP) ends only
                        // that connection.
                        let _ = connection.await;
                    });
                }
                Err(error) => {
                    stderr_line(&format!(
                        "warning: cannot accept a connection: {}",
                        describe_io(&error)
                    ));
                    // Out of file descriptors, most likely: give the open connections a moment.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
        }
    };
    drop(listener);
    stderr_line(&format!(
        "stopping ({signal}): finishing the requests in progress"
    ));
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => stderr_line(&format!(
            "warning: stopping with requests still open after {} seconds",
            SHUTDOWN_GRACE.as_secs()
        )),
        again = signals.next() => stderr_line(&format!("warning: stopping at once ({again})")),
    }
    stderr_line("stopped");
    Ok(())
}

/// Answers one request and logs it on stderr.
async fn handle(
    request: Request<Incoming>,
    served: Arc<Served>,
    read_timeout: Duration,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let started = Instant::now();
    let (what, answer) = answer(request, served, read_timeout).await;
    let response = match &answer {
        Ok(body) => respond(StatusCode::OK, body.clone(), None),
        Err(error) => respond_error(error),
    };
    log_request(&what, &answer, started.elapsed());
    Ok(response)
}

/// The answer to a request, and what to call the request in the log: the operation, else the
/// target, else the method and path.
async fn answer(
    request: Request<Incoming>,
    served: Arc<Served>,
    read_timeout: Duration,
) -> (String, Result<String, WireError>) {
    let (parts, body) = request.into_parts();
    let target = parts.headers.get("x-amz-target");
    let operation = match wire::route(
        parts.method.as_str(),
        parts.uri.path(),
        target.map(HeaderValue::as_bytes),
    ) {
        Ok(operation) => operation,
        Err(error) => {
            let what = match target {
                Some(target) => shape::shorten(&String::from_utf8_lossy(target.as_bytes())),
                None => format!("{} {}", parts.method, shape::shorten(parts.uri.path())),
            };
            return (what, Err(error));
        }
    };
    let what = operation.name().to_owned();
    let checked = wire::check_content_type(
        parts
            .headers
            .get(header::CONTENT_TYPE)
            .map(HeaderValue::as_bytes),
    )
    .and_then(|()| {
        wire::check_length(
            parts
                .headers
                .get(header::CONTENT_LENGTH)
                .and_then(|length| length.to_str().ok())
                .and_then(|length| length.parse().ok()),
        )
    });
    if let Err(error) = checked {
        return (what, Err(error));
    }
    let input = match read_body(body, read_timeout)
        .await
        .and_then(|bytes| wire::decode_body(&bytes))
    {
        Ok(input) => input,
        Err(error) => return (what, Err(error)),
    };
    let answered = tokio::task::spawn_blocking(move || served.call(operation, &input)).await;
    let answer = match answered {
        Ok(answer) => answer.map(|response| response.to_string()),
        Err(_) => Err(WireError::internal(
            "the operation stopped before answering; nothing was changed",
        )),
    };
    (what, answer)
}

/// The whole body, at most [`wire::MAX_BODY_BYTES`], within `read_timeout`.
async fn read_body(body: Incoming, read_timeout: Duration) -> Result<Bytes, WireError> {
    let limited = Limited::new(body, wire::MAX_BODY_BYTES);
    match tokio::time::timeout(read_timeout, limited.collect()).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(error)) if error.downcast_ref::<LengthLimitError>().is_some() => {
            Err(WireError::too_large())
        }
        Ok(Err(error)) => Err(WireError::unreadable_body(400, &error.to_string())),
        Err(_) => Err(WireError::unreadable_body(
            408,
            &format!(
                "it did not arrive within {} seconds",
                read_timeout.as_secs()
            ),
        )),
    }
}

/// A JSON response with a fresh `x-amzn-RequestId`, and the exception's name in
/// `x-amzn-ErrorType` for an error.
fn respond(status: StatusCode, body: String, error: Option<&'static str>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(wire::CONTENT_TYPE),
    );
    if let Ok(id) = HeaderValue::from_str(&request_id()) {
        headers.insert(HeaderName::from_static("x-amzn-requestid"), id);
    }
    if let Some(code) = error {
        headers.insert(
            HeaderName::from_static("x-amzn-errortype"),
            HeaderValue::from_static(code),
        );
    }
    response
}

fn respond_error(error: &WireError) -> Response<Full<Bytes>> {
    let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = respond(status, error.body(), Some(error.code));
    let headers = response.headers_mut();
    if status == StatusCode::METHOD_NOT_ALLOWED {
        headers.insert(header::ALLOW, HeaderValue::from_static("POST"));
    }
    if status == StatusCode::PAYLOAD_TOO_LARGE || status == StatusCode::REQUEST_TIMEOUT {
        // The rest of the body is not read, so the connection cannot carry another request.
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// A request ID in AWS's form (a random UUID).
fn request_id() -> String {
    let mut bytes = [0u8; 16];
    // An ID made of zeros still identifies nothing else; the answer does not depend on it.
    let _ = getrandom::fill(&mut bytes);
    let mut id = String::with_capacity(36);
    for (at, byte) in bytes.iter().enumerate() {
        if matches!(at, 4 | 6 | 8 | 10) {
            id.push('-');
        }
        let _ = write!(id, "{byte:02x}");
    }
    id
}

/// One line per request: the time (UTC), what was asked, the status, the exception if any, and
/// how long the answer took.
fn log_request(what: &str, answer: &Result<String, WireError>, elapsed: Duration) {
    let (status, code) = match answer {
        Ok(_) => (200, ""),
        Err(error) => (error.status, error.code),
    };
    let mut line = format!("{} {what} {status}", clock());
    if !code.is_empty() {
        line.push(' ');
        line.push_str(code);
    }
    let _ = write!(line, " {:.1}ms", elapsed.as_secs_f64() * 1000.0);
    stderr_line(&line);
}

/// The time of day, UTC: `07:31:02Z`.
fn clock() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
        % 86_400;
    format!(
        "{:02}:{:02}:{:02}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// The signals that stop the server: Ctrl-C, and SIGTERM where there is one.
struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    /// Starts watching; from then on these signals no longer end the process at once.
    #[cfg(unix)]
    fn install() -> std::io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    #[cfg(not(unix))]
    fn install() -> std::io::Result<Self> {
        Ok(Self {})
    }

    /// Waits for the next one and names it.
    #[cfg(unix)]
    async fn next(&mut self) -> &'static str {
        tokio::select! {
            _ = self.interrupt.recv() => "interrupted",
            _ = self.terminate.recv() => "terminated",
        }
    }

    #[cfg(not(unix))]
    async fn next(&mut self) -> &'static str {
        match tokio::signal::ctrl_c().await {
            Ok(()) => "interrupted",
            Err(_) => std::future::pending().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_look_like_uuids() {
        let id = request_id();
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert!(id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        assert_ne!(request_id(), id);
    }

    #[test]
    fn errors_carry_their_exception_in_the_header_and_the_body() {
        let response = respond_error(&WireError::too_large());
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let headers = response.headers();
        assert_eq!(headers["x-amzn-errortype"], "SerializationException");
        assert_eq!(headers[header::CONTENT_TYPE], wire::CONTENT_TYPE);
        assert_eq!(headers[header::CONNECTION], "close");
    }

    #[test]
    fn the_clock_reads_as_a_time_of_day() {
        let time = clock();
        assert_eq!(time.len(), 9);
        assert!(time.ends_with('Z'));
        assert_eq!(time.matches(':').count(), 2);
    }
}
