// The playground's service worker: keeps the page working offline once it has loaded. It only
// handles requests to the page's own origin, and the page makes no others.
const CACHE = 'workmail-policy-playground-v1';

// The page and every asset it names: the loader, the wasm-bindgen module, the WebAssembly,
// the style sheet and the icon. Asset names carry a content hash, so a cached copy never
// goes stale; the page itself is always fetched afresh when the network allows. The analysis
// module, the loader (the worker for large documents) and the replay worker, which the page
// starts on first use, and the code editor, which it loads after its first answer, are cached
// too (in the background), under the page's hash that boot.js puts in their query.
async function cachePage(cache, response) {
    const html = await response.clone().text();
    await cache.put('./', response);
    const assets = new Set();
    for (const match of html.matchAll(/(?:href|src|data-js|data-wasm)="([^"#?]+)"/g)) {
        const url = new URL(match[1], self.registration.scope);
        if (url.origin === self.location.origin) {
            assets.add(url.href);
        }
    }
    const version = /data-wasm="[^"]*-([0-9a-f]+)_bg\.wasm"/.exec(html)?.[1];
    if (version) {
        const later = [
            'workmail-policy-analysis.js', 'workmail-policy-analysis_bg.wasm',
            'loader.js', 'workmail-policy-loader.js', 'workmail-policy-loader_bg.wasm',
            'worker.js', 'editor.js',
        ];
        for (const name of later) {
            assets.add(new URL(`${name}?v=${version}`, self.registration.scope).href);
        }
    }
    await Promise.all([...assets].map(async (url) => {
        if (!(await cache.match(url))) {
            await cache.add(url);
        }
    }));
}

self.addEventListener('install', (event) => {
    event.waitUntil((async () => {
        const cache = await caches.open(CACHE);
        const response = await fetch('./', { cache: 'no-cache' });
        if (response.ok) {
            await cachePage(cache, response);
        }
        await self.skipWaiting();
    })());
});

self.addEventListener('activate', (event) => {
    event.waitUntil((async () => {
        for (const name of await caches.keys()) {
            if (name !== CACHE) {
                await caches.delete(name);
            }
        }
        await self.clients.claim();
    })());
});

self.addEventListener('fetch', (event) => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== self.location.origin) {
        return;
    }
    if (request.mode === 'navigate') {
        event.respondWith((async () => {
            const cache = await caches.open(CACHE);
            try {
                const response = await fetch(request, { cache: 'no-cache' });
                if (response.ok) {
                    event.waitUntil(cachePage(cache, response.clone()));
                }
                return response;
            } catch {
                return (await cache.match('./')) ?? Response.error();
            }
        })());
        return;
    }
    event.respondWith((async () => {
        const cache = await caches.open(CACHE);
        // A versioned URL (the analysis module) must match exactly; other assets are named by
        // their hash, whatever their query.
        const cached = await cache.match(request, { ignoreSearch: !url.searchParams.has('v') });
        if (cached) {
            return cached;
        }
        const response = await fetch(request);
        if (response.ok) {
            await cache.put(request, response.clone());
        }
        return response;
    })());
});
