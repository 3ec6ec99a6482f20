// Starts the playground. Trunk writes the hashed names of the wasm-bindgen module and of the
// WebAssembly binary on this script's tag, so the page needs no inline script (its
// Content-Security-Policy allows none). Then registers the service worker that keeps the page
// working offline.
//
// It also keeps a failure visible. A Rust panic shows a banner (built by the playground's panic
// hook) whose "Reload" button is handled here, because the WebAssembly stops after a panic. A
// failure with no banner yet (the WebAssembly did not load, or stopped without a panic) gets
// the same banner from here.

function crashBanner(message) {
    if (document.getElementById('crash')) {
        return;
    }
    const banner = document.createElement('div');
    banner.id = 'crash';
    banner.className = 'crash';
    banner.setAttribute('role', 'alert');
    banner.dataset.testid = 'crash';
    const title = document.createElement('h2');
    title.textContent = 'The playground stopped working';
    const text = document.createElement('p');
    text.textContent = 'Your work as of your last change is in the address bar and in this browser: reloading brings it back. The error was:';
    const detail = document.createElement('pre');
    detail.dataset.testid = 'crash-message';
    detail.textContent = message;
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.dataset.action = 'reload';
    reload.dataset.testid = 'crash-reload';
    reload.textContent = 'Reload the page';
    banner.append(title, text, detail, reload);
    document.body.prepend(banner);
    reload.focus();
}

document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-action="reload"]')) {
        location.reload();
    }
});

window.addEventListener('error', (event) => {
    if (event.error instanceof WebAssembly.RuntimeError) {
        crashBanner(String(event.error.message));
    }
});

const tag = document.querySelector('script[data-wasm]');

// The analysis module, loaded the first time the page asks for it. Its file names carry no
// hash, so the page's own hash goes in the query: a cached copy never outlives its page.
const version = /-([0-9a-f]+)_bg\.wasm$/.exec(tag.dataset.wasm)?.[1] ?? 'dev';
let analysis = null;
globalThis.workmailPolicyLoadAnalysis = () => {
    analysis ??= (async () => {
        const module = await import(`./workmail-policy-analysis.js?v=${version}`);
        await module.default({ module_or_path: `./workmail-policy-analysis_bg.wasm?v=${version}` });
        return module;
    })().catch((error) => {
        analysis = null; // a later attempt (back online) tries again
        throw error;
    });
    return analysis;
};

// The loader, a web worker that loads large documents off the page's thread (a new one each
// time the page asks: it stops a loader still busy with an older text).
globalThis.workmailPolicyStartLoader = () => new Worker(`./loader.js?v=${version}`, { type: 'module' });

// The analysis worker, which runs the analysis module off the page's thread (audit log replays,
// analyses of large documents): a new one for each piece of work, so a replay's Cancel, or a
// newer text, terminates it.
globalThis.workmailPolicyStartWorker = () => new Worker(`./worker.js?v=${version}`, { type: 'module' });

try {
    const { default: init } = await import(tag.dataset.js);
    await init({ module_or_path: tag.dataset.wasm });
} catch (error) {
    crashBanner(`the page could not start: ${error}`);
    throw error;
}

// The code editor, once the first answer is drawn (until then, or offline, the text area).
requestAnimationFrame(() => setTimeout(() => import(`./editor.js?v=${version}`).then((editor) => editor.upgrade(), () => {})));

if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js').catch(() => {
        // Without a service worker (private windows, some embeds) the page still works online.
    });
}
