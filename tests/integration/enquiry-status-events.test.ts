/**
 * Live enquiry status events through the Pusher stand-in reach exactly the people who may read the
 * enquiry: its requester (own user channel) and the organisation's Property Managers (managers
 * channel). A fellow Landlord in the same agency, another agency and staff hear nothing, not even the
 * failure reason. The status changes are real ones, made by the services the workflow runs.
 */
import type PusherJS from "pusher-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import type * as AppFixtures from "../helpers/app-fixtures";
import type * as EnquiryFixtures from "../helpers/enquiry-fixtures";
import { recordEvents, startPusherStandIn, startRealtime, type EventLog, type PusherStandIn, type Realtime } from "../helpers/support-realtime";

interface StatusEvent {
  enquiryId: string;
  status: string;
  message: string;
  at: string;
}

/** How long a listener that must hear nothing is given after the others have heard everything. */
const SILENCE_MS = 1_000;

const userChannel = (user: AppFixtures.FixtureUser) => `private-user-${user.id}`;
const managersChannel = (organisationId: string) => `private-org-${organisationId}-managers`;

describe("enquiry status events reach only those who may read the enquiry", () => {
  let stand: PusherStandIn;
  let realtime: Realtime;
  let fixtures: typeof AppFixtures;
  let insertEnquiry: (typeof EnquiryFixtures)["insertEnquiry"];
  let db: Database;

  beforeAll(async () => {
    // The env module reads process.env once: the stand-in's address is stubbed before any app module loads.
    stand = await startPusherStandIn();
    fixtures = await import("../helpers/app-fixtures");
    ({ insertEnquiry } = await import("../helpers/enquiry-fixtures"));
    db = await (await import("@/db")).getDb();
    realtime = await startRealtime(stand, fixtures);
  });

  afterAll(async () => {
    await realtime.close();
    await stand.close();
    vi.unstubAllEnvs();
  });

  /** Every app event the client receives, on any channel it is subscribed to. */
  function everything(client: PusherJS): Array<{ event: string; data: unknown }> {
    const seen: Array<{ event: string; data: unknown }> = [];
    client.bind_global((event: string, data: unknown) => {
      if (!event.startsWith("pusher:") && !event.startsWith("pusher_internal:")) seen.push({ event, data });
    });
    return seen;
  }

  async function follow(user: AppFixtures.FixtureUser, channelName: string): Promise<EventLog<StatusEvent>> {
    const client = await realtime.connect(user);
    return recordEvents<StatusEvent>(await realtime.join(client, channelName), "enquiry.status");
  }

  async function statusesOf(log: EventLog<StatusEvent>, enquiryId: string, last: string): Promise<string[]> {
    await log.next((event) => event.enquiryId === enquiryId && event.status === last);
    return log.events.filter((event) => event.enquiryId === enquiryId).map((event) => event.status);
  }

  it("a Landlord's enquiry: the Landlord and the Property Manager hear it move and fail; a fellow Landlord, another agency and staff hear nothing", async () => {
    const { users } = await fixtures.createFixture(db);
    const { beginFetch } = await import("@/lib/enquiries/advance-enquiry");
    const { failEnquiry } = await import("@/lib/enquiries/fail-enquiry");
    const { FAILURE_REASONS } = await import("@/lib/enquiries/failure-reasons");

    const requester = await follow(users.landlord, userChannel(users.landlord));
    const managerClient = await realtime.connect(users.manager);
    const managerOwn = recordEvents<StatusEvent>(await realtime.join(managerClient, userChannel(users.manager)), "enquiry.status");
    const managers = recordEvents<StatusEvent>(await realtime.join(managerClient, managersChannel(users.manager.organisationId)), "enquiry.status");

    // The colleague subscribes to everything they may (their own channel) and tries the managers channel.
    const colleague = await realtime.connect(users.landlord2);
    const colleagueHeard = everything(colleague);
    await realtime.join(colleague, userChannel(users.landlord2));
    expect(await realtime.subscribe(colleague, managersChannel(users.landlord2.organisationId))).toEqual({ ok: false, status: 403 });
    const otherManager = await realtime.connect(users.otherManager);
    const otherManagerHeard = everything(otherManager);
    await realtime.join(otherManager, userChannel(users.otherManager));
    await realtime.join(otherManager, managersChannel(users.otherManager.organisationId));
    const agent = await realtime.connect(users.agent);
    const agentHeard = everything(agent);
    await realtime.join(agent, userChannel(users.agent));

    const enquiryId = await insertEnquiry(db, users.landlord, "queued");
    await expect(beginFetch(db, enquiryId)).resolves.toBe(true);
    await failEnquiry(db, enquiryId, FAILURE_REASONS.TPN_UNREADABLE);

    expect(await statusesOf(requester, enquiryId, "failed")).toEqual(["fetching", "failed"]);
    expect(await statusesOf(managers, enquiryId, "failed")).toEqual(["fetching", "failed"]);
    expect(requester.events.at(-1)).toMatchObject({ enquiryId, status: "failed", message: FAILURE_REASONS.TPN_UNREADABLE.message });
    expect(managers.events.at(-1)).toEqual(requester.events.at(-1));

    await new Promise((resolve) => setTimeout(resolve, SILENCE_MS));
    expect(colleagueHeard).toEqual([]);
    expect(otherManagerHeard).toEqual([]);
    expect(agentHeard).toEqual([]);
    // The manager did not request it: it reaches them once, on the managers channel only.
    expect(managerOwn.events).toEqual([]);
  });

  it("a Property Manager's own enquiry reaches them on both their channels (the page drops the copy) and no Landlord", async () => {
    const { users } = await fixtures.createFixture(db);
    const { beginFetch } = await import("@/lib/enquiries/advance-enquiry");

    const managerClient = await realtime.connect(users.manager);
    const managerOwn = recordEvents<StatusEvent>(await realtime.join(managerClient, userChannel(users.manager)), "enquiry.status");
    const managers = recordEvents<StatusEvent>(await realtime.join(managerClient, managersChannel(users.manager.organisationId)), "enquiry.status");
    const landlords = await Promise.all(
      [users.landlord, users.landlord2].map(async (user) => {
        const client = await realtime.connect(user);
        const heard = everything(client);
        await realtime.join(client, userChannel(user));
        return heard;
      }),
    );

    const enquiryId = await insertEnquiry(db, users.manager, "queued");
    await expect(beginFetch(db, enquiryId)).resolves.toBe(true);

    const own = await managerOwn.next((event) => event.enquiryId === enquiryId);
    const shared = await managers.next((event) => event.enquiryId === enquiryId);
    // One trigger to both channels: the same payload (same `at`), which is how the page recognises the copy.
    expect(own).toEqual(shared);
    expect(own).toMatchObject({ enquiryId, status: "fetching" });

    await new Promise((resolve) => setTimeout(resolve, SILENCE_MS));
    expect(landlords).toEqual([[], []]);
  });

  it("a solo landlord hears their own enquiry on their user channel", async () => {
    const { users } = await fixtures.createFixture(db);
    const { beginFetch } = await import("@/lib/enquiries/advance-enquiry");
    const solo = await follow(users.solo, userChannel(users.solo));
    const enquiryId = await insertEnquiry(db, users.solo, "queued");
    await expect(beginFetch(db, enquiryId)).resolves.toBe(true);
    await expect(solo.next((event) => event.enquiryId === enquiryId)).resolves.toMatchObject({ status: "fetching" });
  });
});
