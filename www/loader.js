// The playground's loader, a module web worker: loads large document texts off the page's
// thread with the loader WebAssembly (src/loader_main.rs) and posts back its report as JSON.
// The page starts it as `loader.js?v=<the page's hash>`; the same query names the module's
// files, so a cached copy never outlives its page.
//
// Each message is `[serial, bytes]` (the text as UTF-8, its buffer transferred). A failure to
// start is thrown from a task of its own, so the page hears of it as the worker's `error` (and
// loads the text itself); a loader that stops while reading a text (out of memory, say) posts
// `{ stopped: reason }` instead, so the page does not try the same text on its own thread.

const version = self.location.search;
const ready = import(`./workmail-policy-loader.js${version}`).then(async (module) => {
    await module.default({ module_or_path: `./workmail-policy-loader_bg.wasm${version}` });
    return module;
});

self.onmessage = (event) => {
    const [serial, bytes] = event.data;
    ready.then((module) => {
        let report;
        try {
            report = module.check(serial, bytes);
        } catch (error) {
            self.postMessage({ stopped: String(error) });
            return;
        }
        self.postMessage(report);
    }, (error) => {
        setTimeout(() => {
            throw error;
        });
    });
};
