// The official Svix JavaScript client against a Hookflow hub (driven by SvixJavaScriptClientIT).
// Usage: node svix-client.mjs <hub url> <management token> <receiver url>
// Prints one JSON line with what the client saw.
import { Svix } from "svix";

const [serverUrl, token, receiver] = process.argv.slice(2);
const svix = new Svix(token, { serverUrl });

async function refused(call) {
  try {
    await call();
    return null;
  } catch (e) {
    return { code: e.code, body: e.body };
  }
}

const app = await svix.application.create({ name: "From JS", uid: "js-app" });
const again = await svix.application.getOrCreate({ name: "From JS", uid: "js-app" });
await svix.eventType.create({
  name: "js.event",
  description: "sent by the JavaScript client",
  schemas: { 1: { type: "object", required: ["n"], properties: { n: { type: "integer" } } } },
});
const endpoint = await svix.endpoint.create("js-app", {
  url: receiver,
  uid: "js-ep",
  filterTypes: ["js.event"],
  channels: ["eu"],
});
const secret = await svix.endpoint.getSecret("js-app", "js-ep");
const message = await svix.message.create("js-app", {
  eventType: "js.event",
  eventId: "js-1",
  channels: ["eu"],
  payload: { n: 1, text: "caf\u00e9" },
});
const conflict = await refused(() =>
  svix.message.create("js-app", { eventType: "js.event", eventId: "js-1", payload: { n: 2 } }),
);
const invalid = await refused(() =>
  svix.message.create("js-app", { eventType: "js.event", payload: { n: "one" } }),
);
const missing = await refused(() => svix.application.get("app_missing"));

let attempts = { data: [] };
for (let i = 0; i < 200 && attempts.data.length === 0; i++) {
  attempts = await svix.messageAttempt.listByMsg("js-app", message.id);
  if (attempts.data.length === 0) await new Promise((r) => setTimeout(r, 100));
}
await svix.messageAttempt.resend("js-app", message.id, "js-ep");
const destinations = await svix.messageAttempt.listAttemptedDestinations("js-app", message.id);
const patched = await svix.endpoint.patch("js-app", "js-ep", { filterTypes: null });
const page = await svix.application.list({ limit: 1 });

console.log(
  JSON.stringify({
    app: app.id,
    sameApp: again.id === app.id,
    endpoint: endpoint.id,
    secret: secret.key,
    message: message.id,
    conflict,
    invalid,
    missing,
    attempts: attempts.data.length,
    attemptStatus: attempts.data[0]?.status,
    attemptCode: attempts.data[0]?.responseStatusCode,
    destinationStatus: destinations.data[0]?.status,
    patchedFilterTypes: patched.filterTypes ?? null,
    pageSize: page.data.length,
    pageDone: page.done,
  }),
);
