// Written by hand: what has no Rust type. The `Organization` methods that wasm-bindgen cannot
// type (generic over the operation, or taking parallel arrays), the errors they throw, and the
// types built from the generated `Operations` table. Every other shape is generated from the
// Rust types into `types.d.ts` (`cargo xtask types`).

/** The AWS name of one of the eleven operations. */
export type OperationName = keyof Operations;
/** The request of an operation. */
export type RequestOf<Op extends OperationName> = Operations[Op]["input"];
/** The response of an operation. */
export type ResponseOf<Op extends OperationName> = Operations[Op]["output"];

/** A failed input of `callMany`: the error `call` would have thrown, as the AWS CLI prints it. */
export interface ErrorResponse {
  Error: ErrorDetails;
}

/** One answer of `callMany`: the response, or the error. */
export type AnswerOf<Op extends OperationName> = ResponseOf<Op> | ErrorResponse;

/** `GetAccessControlEffect` requests as parallel arrays, for `accessEffects`. */
export interface AccessRequests {
  /** One address per request, as text or as 32-bit numbers. */
  IpAddress: string[] | Uint32Array;
  Action: Action | (Action | null | undefined)[];
  UserId?: string | (string | null | undefined)[];
  ImpersonationRoleId?: string | (string | null | undefined)[];
}

/** What `accessEffects` returns: request `i` got `Answers[Index[i]]`. */
export interface AccessEffects {
  /** Each distinct answer once, in order of first appearance. */
  Answers: AnswerOf<"GetAccessControlEffect">[];
  Index: Uint32Array;
}

export interface Organization {
  /**
   * Runs one of the eleven operations and returns AWS's response as a plain object. An API
   * error throws an `ApiError` whose `name` is the exception name, as the AWS SDK for
   * JavaScript v3 does. The operation may also be given in the AWS CLI's spelling
   * (`get-access-control-effect`), untyped.
   */
  call<Op extends OperationName>(operation: Op, input: RequestOf<Op>): ResponseOf<Op>;
  /**
   * Runs one operation once per input, in order (a changing operation sees the changes of the
   * inputs before it), crossing into WebAssembly once for the whole batch. Each answer is the
   * response `call` would return, or `{Error: {Code, Message}}` where `call` would throw. An
   * `undefined` entry is read as `null`, as `JSON.stringify` writes it.
   */
  callMany<Op extends OperationName>(operation: Op, inputs: RequestOf<Op>[]): AnswerOf<Op>[];
  /**
   * `callMany` with JSON text in and out: `inputs` is a JSON array of requests, the result the
   * JSON array of answers. It skips `JSON.stringify` and `JSON.parse` of every request and
   * answer, the largest cost of a batch, for callers that read or send JSON anyway.
   */
  callManyJson(operation: OperationName, inputs: string): string;
  /**
   * `GetAccessControlEffect` for many requests given as parallel arrays, the leanest batch:
   * no object per request on either side. Each member holds one entry per request (`null` or
   * `undefined` leaves the member out of that request) or, except `IpAddress`, one string for
   * every request; `IpAddress` may also be a `Uint32Array` of addresses (`192.0.2.1` is
   * `0xC0000201`). Returns each distinct answer once, in order of first appearance, and for each
   * request the index of its answer: request `i` got `Answers[Index[i]]`. The answers are those
   * `callMany` gives, errors included.
   */
  accessEffects(requests: AccessRequests): AccessEffects;
}

/** What `call` and the `explain` methods throw for an API error. */
export interface ApiError extends Error {
  name: ErrorCode;
  /**
   * The decision of the semantics that makes the request an error (`D11` for a request with
   * two principals...); absent when the AWS model's own constraints refuse it.
   */
  decision?: Decision;
}

/** What `Organization.fromJson` throws for a document with errors. */
export interface InvalidDocumentError extends Error {
  name: "InvalidDocumentError";
  /** Every error and warning found, in text order (the message shows the first 50 and counts the rest). */
  diagnostics: Diagnostic[];
}
