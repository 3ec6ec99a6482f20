// The playground's analysis worker, a module web worker that runs the analysis module off the
// page's thread. The page starts one as `worker.js?v=<the page's hash>` (the same query names
// the module's files, so a cached copy never outlives its page) for each piece of work, and
// posts it one message:
//
// `{ job, texts, params, files }` (src/browser.rs, `send_job`), the texts as their UTF-8 bytes
// (Uint8Arrays, whose buffers the page hands over; a text that is the same as an earlier one,
// as that one's index):
//
// - a job on large documents that a view hands over (src/offload.rs: the lints of a text, its
//   decision table, its comparison with an old version, …), with its parameters as JSON and no
//   files. The answer is the JSON the module's `runJob` gives.
// - the job named `replay`: a replay of WorkMail audit logs against the document
//   (src/replay.rs): its texts are the document's and the old version's when it is compared
//   (0 when the old version is the document's own text), its files those the user dropped or
//   picked. The files are read here, in the browser; nothing leaves the page.
//
// For a replay, each file is read as a stream, decompressed by the browser's
// DecompressionStream when its first two bytes are gzip's, and fed to the replay piece by
// piece, so only one piece and the distinct requests are held. After each piece the worker
// posts its progress, at the end the report, each the JSON of a `replay::Report`. The page
// cancels by terminating the worker.

const version = self.location.search;
const ready = import(`./workmail-policy-analysis.js${version}`).then(async (module) => {
    await module.default({ module_or_path: `./workmail-policy-analysis_bg.wasm${version}` });
    return module;
});

/** Whether `file` starts as gzip does. */
async function isGzip(file) {
    const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
    return head[0] === 0x1f && head[1] === 0x8b;
}

/** Feeds `file` to `job`, calling `onpiece` with the file's bytes read after each piece. */
async function feed(job, file, onpiece) {
    let read = 0;
    let stream = file.stream().pipeThrough(new TransformStream({
        transform(chunk, controller) {
            read += chunk.byteLength;
            controller.enqueue(chunk);
        },
    }));
    if (await isGzip(file)) {
        stream = stream.pipeThrough(new DecompressionStream('gzip'));
    }
    const reader = stream.getReader();
    for (;;) {
        const { done, value } = await reader.read();
        if (done) {
            return;
        }
        job.push(value);
        onpiece(read);
    }
}

function message(error) {
    return String(error?.message ?? error);
}

self.onmessage = async (event) => {
    const { job: name, texts, params, files } = event.data;
    if (name !== 'replay') {
        try {
            const module = await ready;
            self.postMessage(module.runJob(name, texts, params));
        } catch (error) {
            self.postMessage(JSON.stringify({ Failed: message(error) }));
        }
        return;
    }
    let job;
    try {
        const module = await ready;
        job = new module.ReplayJob(texts[0], texts[1]);
    } catch (error) {
        self.postMessage(JSON.stringify({ Failed: message(error) }));
        return;
    }
    let before = 0;
    for (const file of files) {
        job.open(file.name);
        const progress = (read) => {
            self.postMessage(JSON.stringify({ Progress: { bytes: before + read, events: job.events() } }));
        };
        try {
            await feed(job, file, progress);
            job.close(undefined);
        } catch (error) {
            job.close(message(error));
        }
        before += file.size;
    }
    self.postMessage(job.finish());
};
