// Starts the playground. Trunk writes the hashed names of the wasm-bindgen module and of the
// WebAssembly binary on this script's tag, so the page needs no inline script (its
// Content-Security-Policy allows none). Then registers the service worker that keeps the page
// working offline.
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });

if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js').catch(() => {
        // Without a service worker (private windows, some embeds) the page still works online.
    });
}
