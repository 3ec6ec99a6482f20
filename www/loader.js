// The playground's loader, a module web worker: loads large document texts off the page's
// thread with the loader WebAssembly (src/loader_main.rs) and posts back its report as JSON.
// The page starts it as `loader.js?v=<the page's hash>`; the same query names the module's
// files, so a cached copy never outlives its page.
//
// Each message is `[serial, bytes]` (the text as UTF-8, its buffer transferred), or for a part
// editor's text `[serial, bytes, part, documentBytes]`: the loader checks the part and puts it
// into the document, and posts `[report, newDocument]` (the new document's text as UTF-8 bytes,
// their buffer transferred; `undefined` when the document did not take the part). A failure to
// start is thrown from a task of its own, so the page hears of it as the worker's `error` (and
// loads the text itself); a loader that stops while reading a text (out of memory, say) posts
// `{ stopped: reason }` instead, so the page does not try the same text on its own thread.

const version = self.location.search;
const ready = import(`./workmail-policy-loader.js${version}`).then(async (module) => {
    await module.default({ module_or_path: `./workmail-policy-loader_bg.wasm${version}` });
    return module;
});

self.onmessage = (event) => {
    const [serial, bytes, part, documentBytes] = event.data;
    ready.then((module) => {
        let answer;
        try {
            answer = part === undefined
                ? module.check(serial, bytes)
                : module.check_part(serial, part, bytes, documentBytes);
        } catch (error) {
            self.postMessage({ stopped: String(error) });
            return;
        }
        const composed = Array.isArray(answer) ? answer[1] : undefined;
        self.postMessage(answer, composed ? [composed.buffer] : []);
    }, (error) => {
        setTimeout(() => {
            throw error;
        });
    });
};
