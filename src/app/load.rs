//! Downloading the bundle with progress (the response body is read piece by piece), and
//! the index parts and section text chunks the bundle names.

use super::dom::window;
use fixfind::index::GZIP_MAGIC;
use fixfind::present::status::{self, BUNDLE_URL, LoadError};
use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn js_message(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}

/// Fetches the bundle and inflates it when it is compressed at rest (as `fixfind build`
/// writes it); `progress(received, total)` is called after every chunk, `total` being
/// known only when the server sends an uncompressed length.
pub async fn fetch_bundle(progress: impl Fn(u64, Option<u64>)) -> Result<Vec<u8>, LoadError> {
    let bytes = download(BUNDLE_URL, progress).await?;
    if bytes.starts_with(&GZIP_MAGIC) { inflate(&bytes).await } else { Ok(bytes) }
}

/// Fetches a file the bundle names (an index part or a text chunk: `name` as the bundle's
/// header lists it, relative to the page) and inflates it; the engine checks the bytes.
/// Why it failed names the file.
pub async fn fetch_beside(name: &str, progress: impl Fn(u64, Option<u64>)) -> Result<Vec<u8>, String> {
    let fetched = match download(name, progress).await {
        Ok(bytes) if bytes.starts_with(&GZIP_MAGIC) => inflate(&bytes).await,
        other => other,
    };
    fetched.map_err(|error| status::download_error(name, &error))
}

/// Inflates gzip bytes with the browser's own `DecompressionStream`, so the wasm carries
/// no decoder. A cut or damaged file fails here, with a message saying so.
async fn inflate(bytes: &[u8]) -> Result<Vec<u8>, LoadError> {
    let damaged = |e: JsValue| LoadError::Damaged(js_message(e));
    let constructor =
        Reflect::get(&js_sys::global(), &JsValue::from_str("DecompressionStream")).map_err(damaged)?;
    let Some(constructor) = constructor.dyn_ref::<Function>() else {
        return Err(LoadError::NoDecompression);
    };
    let gunzip = Reflect::construct(constructor, &Array::of1(&JsValue::from_str("gzip"))).map_err(damaged)?;
    let blob =
        web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes))).map_err(damaged)?;
    let stream = blob.stream();
    let pipe_through: Function =
        Reflect::get(&stream, &JsValue::from_str("pipeThrough")).map_err(damaged)?.unchecked_into();
    let inflated = pipe_through.call1(&stream, &gunzip).map_err(damaged)?;
    let response =
        web_sys::Response::new_with_opt_readable_stream(Some(inflated.unchecked_ref())).map_err(damaged)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(damaged)?).await.map_err(damaged)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The file as served, read chunk by chunk.
async fn download(url: &str, progress: impl Fn(u64, Option<u64>)) -> Result<Vec<u8>, LoadError> {
    let network = |e: JsValue| LoadError::Network(js_message(e));
    let response: web_sys::Response =
        JsFuture::from(window().fetch_with_str(url)).await.map_err(network)?.unchecked_into();
    if !response.ok() {
        return Err(LoadError::Http { status: response.status(), text: response.status_text() });
    }
    let headers = response.headers();
    let encoded =
        headers.get("content-encoding").ok().flatten().is_some_and(|e| !e.is_empty() && e != "identity");
    let total = if encoded {
        None
    } else {
        headers.get("content-length").ok().flatten().and_then(|l| l.trim().parse::<u64>().ok())
    };
    progress(0, total);

    let Some(body) = response.body() else {
        let buffer = JsFuture::from(response.array_buffer().map_err(network)?).await.map_err(network)?;
        let bytes = Uint8Array::new(&buffer).to_vec();
        progress(bytes.len() as u64, total);
        return Ok(bytes);
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes: Vec<u8> = Vec::with_capacity(total.unwrap_or(0).min(64 << 20) as usize);
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(network)?;
        let done =
            Reflect::get(&chunk, &JsValue::from_str("done")).ok().and_then(|d| d.as_bool()).unwrap_or(true);
        if done {
            break;
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value")).map_err(network)?;
        let array = Uint8Array::new(&value);
        let start = bytes.len();
        bytes.resize(start + array.length() as usize, 0);
        array.copy_to(&mut bytes[start..]);
        progress(bytes.len() as u64, total);
    }
    Ok(bytes)
}
