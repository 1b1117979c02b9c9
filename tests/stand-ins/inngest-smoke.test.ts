import { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { startInngestHarness } from "./helpers/inngest-harness";

describe("smoke", () => {
  it("runs sequential steps", async () => {
    const h = await startInngestHarness();
    const inngest = new Inngest({ id: "test-app", isDev: true, baseUrl: h.executor.url });
    const fn = inngest.createFunction({ id: "seq", triggers: { event: "app/seq" } }, async ({ step, event }) => {
      const a = await step.run("a", () => 1);
      const b = await step.run("b", () => a + 1);
      await step.sleep("nap", "1h");
      return { a, b, n: event.data.n };
    });
    await h.serve(inngest, [fn]);
    await inngest.send({ name: "app/seq", data: { n: 5 } });
    await h.executor.waitForIdle();
    console.log(JSON.stringify(h.executor.runs(), null, 1));
    await h.close();
  });
});
