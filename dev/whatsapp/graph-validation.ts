/**
 * Checks a POST /:phoneNumberId/messages body the way the Cloud API does, and says what it means.
 *
 * Error codes, consistently:
 * - 100 "(#100) Invalid parameter": a field is missing, of the wrong type, or outside its documented
 *   length / count bounds (details name the field: "Param text['body'] must be at most 4096 characters long").
 * - 131009 "(#131009) Parameter value is not valid": well-formed values that clash or refer to nothing
 *   (duplicate button / row ids or titles, a media id that was never uploaded, an image id that is not an image).
 * - 132001 (HTTP 404, as Meta documents it) unknown template name or language; 132000 wrong body
 *   parameter count; 132018 a parameter with a new line, tab or more than 4 consecutive spaces.
 */
import { templateNotFound, templateParameterCount, templateParameterFormat, valueNotValid, invalidParameter } from "./graph-errors";
import { checkInteractive } from "./interactive-validation";
import {
  fail,
  isObject,
  optionalBoolean,
  optionalObject,
  optionalString,
  requireArray,
  requireObject,
  requireOneOf,
  requireString,
  type JsonObject,
} from "./json-fields";
import { OUTBOUND_TYPES, type OutboundContent, type TemplateDefinition } from "./types";

export interface ValidationContext {
  templates: readonly TemplateDefinition[];
  /** The mime type of an uploaded media id, or undefined when there is no such upload. */
  mediaType(id: string): string | undefined;
}

export type SendRequest =
  | { kind: "message"; to: string; input: string; content: OutboundContent; body: JsonObject }
  /** Marking an inbound message read (optionally with a typing indicator): answered {"success":true}. */
  | { kind: "read"; messageId: string };

const TO_PATTERN = /^\+?\d{8,15}$/;
const TEXT_BODY_MAX = 4096;
const CAPTION_MAX = 1024;

export function checkSendRequest(body: unknown, context: ValidationContext): SendRequest {
  if (!isObject(body)) throw invalidParameter("The request body must be a JSON object");
  if (body.messaging_product === undefined) fail(["messaging_product"], "is required");
  if (body.messaging_product !== "whatsapp") fail(["messaging_product"], "must be 'whatsapp'");

  if (body.status !== undefined) {
    requireOneOf(body.status, ["status"], ["read"] as const);
    const messageId = requireString(body.message_id, ["message_id"], { max: 512 });
    const typing = optionalObject(body.typing_indicator, ["typing_indicator"]);
    if (typing) requireOneOf(typing.type, ["typing_indicator", "type"], ["text"] as const);
    return { kind: "read", messageId };
  }

  if (body.recipient_type !== undefined) requireOneOf(body.recipient_type, ["recipient_type"], ["individual"] as const);
  const input = requireString(body.to, ["to"], { max: 32 });
  if (!TO_PATTERN.test(input)) fail(["to"], "must be a phone number of 8 to 15 digits, country code first, optionally with a leading +");
  // Meta defaults a missing type to "text".
  const type = body.type === undefined ? "text" : requireOneOf(body.type, ["type"], OUTBOUND_TYPES);
  const replyTo = optionalObject(body.context, ["context"]);
  const contextWamid = replyTo ? requireString(replyTo.message_id, ["context", "message_id"], { max: 512 }) : undefined;

  const content = checkContent(type, body, context);
  return { kind: "message", to: input.replace(/^\+/, ""), input, body, content: { ...content, ...(contextWamid === undefined ? {} : { contextWamid }) } };
}

function checkContent(type: OutboundContent["type"], body: JsonObject, context: ValidationContext): OutboundContent {
  switch (type) {
    case "text": {
      const text = requireObject(body.text, ["text"]);
      optionalBoolean(text.preview_url, ["text", "preview_url"]);
      return { type, text: requireString(text.body, ["text", "body"], { max: TEXT_BODY_MAX }), buttons: [] };
    }
    case "interactive":
      return checkInteractive(body);
    case "document":
    case "image":
      return checkMedia(type, body, context);
    case "template":
      return checkTemplate(body, context.templates);
  }
}

function checkMedia(type: "document" | "image", body: JsonObject, context: ValidationContext): OutboundContent {
  const media = requireObject(body[type], [type]);
  if ((media.id === undefined) === (media.link === undefined)) fail([type], "must have exactly one of 'id' or 'link'");
  const caption = optionalString(media.caption, [type, "caption"], { max: CAPTION_MAX });
  const filename = type === "document" ? optionalString(media.filename, [type, "filename"], { max: 240 }) : undefined;
  const common = { type, text: caption ?? "", buttons: [], ...(filename === undefined ? {} : { filename }) };
  if (media.id !== undefined) {
    const id = requireString(media.id, [type, "id"], { max: 64 });
    const mimeType = context.mediaType(id);
    if (mimeType === undefined) throw valueNotValid(`Param ${type}['id'] is not a media id uploaded to this phone number`);
    if (type === "image" && !mimeType.startsWith("image/")) throw valueNotValid(`Param image['id'] refers to ${mimeType} media, not an image`);
    return { ...common, mediaId: id };
  }
  const link = requireString(media.link, [type, "link"], { max: 2048 });
  if (!/^https?:\/\/\S+$/i.test(link)) fail([type, "link"], "must be an http(s) URL");
  return { ...common, link };
}

function checkTemplate(body: JsonObject, templates: readonly TemplateDefinition[]): OutboundContent {
  const template = requireObject(body.template, ["template"]);
  const name = requireString(template.name, ["template", "name"], { max: 512 });
  const language = requireObject(template.language, ["template", "language"]);
  const code = requireString(language.code, ["template", "language", "code"], { max: 16 });
  const definition = templates.find((candidate) => candidate.name === name && candidate.language === code);
  if (!definition) throw templateNotFound(name, code);

  const parameters: string[] = [];
  const quickReplies: OutboundContent["buttons"] = [];
  const components = template.components === undefined ? [] : requireArray(template.components, ["template", "components"], { min: 0, max: 20 });
  components.forEach((value, index) => {
    const component = requireObject(value, ["template", "components", index]);
    const kind = requireOneOf(component.type, ["template", "components", index, "type"], ["header", "body", "button"] as const);
    if (kind === "button") {
      quickReplies.push(checkQuickReply(component, index, definition));
      return;
    }
    if (kind !== "body") return;
    const params = requireArray(component.parameters, ["template", "components", index, "parameters"], { min: 0, max: 100 });
    params.forEach((paramValue, paramIndex) => {
      const path = ["template", "components", index, "parameters", paramIndex] as const;
      const param = requireObject(paramValue, path);
      const paramType = requireOneOf(param.type, [...path, "type"], ["text", "currency", "date_time"] as const);
      if (paramType !== "text") {
        requireObject(param[paramType], [...path, paramType]);
        parameters.push(`[${paramType}]`);
        return;
      }
      const text = requireString(param.text, [...path, "text"], { max: 32_768 });
      if (/[\n\t]| {5,}/.test(text)) throw templateParameterFormat(`template['components'][${index}]['parameters'][${paramIndex}]['text']`);
      parameters.push(text);
    });
  });
  if (parameters.length !== definition.bodyParameters) throw templateParameterCount(parameters.length, definition.bodyParameters);
  return {
    type: "template",
    text: parameters.length === 0 ? name : `${name}: ${parameters.join(" | ")}`,
    buttons: quickReplies,
    template: { name, language: code, parameters },
  };
}

/** A quick-reply button component: its index names one of the template's approved buttons, its payload comes back when tapped. */
function checkQuickReply(component: JsonObject, index: number, definition: TemplateDefinition): OutboundContent["buttons"][number] {
  const path = ["template", "components", index] as const;
  requireOneOf(component.sub_type, [...path, "sub_type"], ["quick_reply"] as const);
  const position = Number(requireString(component.index, [...path, "index"], { max: 2 }));
  const title = definition.quickReplies?.[position];
  if (title === undefined) throw templateParameterCount(position + 1, definition.quickReplies?.length ?? 0);
  const params = requireArray(component.parameters, [...path, "parameters"], { min: 1, max: 1 });
  const param = requireObject(params[0], [...path, "parameters", 0]);
  requireOneOf(param.type, [...path, "parameters", 0, "type"], ["payload"] as const);
  return { id: requireString(param.payload, [...path, "parameters", 0, "payload"], { max: 128 }), title };
}
