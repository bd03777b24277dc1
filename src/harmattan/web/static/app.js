/* harmattan's analyst's desk: a map, a timeline, an actor network, the events and their
 * articles, all read from the same-origin JSON API. It never parses HTML: every text that
 * comes from the data is set with textContent or as an attribute value. */
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg"; // an XML namespace name, never fetched

const FILTERS = ["type", "factuality", "country", "language", "actor", "since", "until", "q"];
const PAGE_SIZE = 25;
const GRAPH_EDGES = 60;
const PLACE_PAGE = 1000; // the API's largest page
// How often the dashboard asks whether a batch has landed (polling, not server-sent
// events: one small request, through any proxy, and nothing held open).
const LANDING_POLL_MS = 10000;
const ALERTS_SHOWN = 20;

const QUADS = {
  1: { name: "verbal cooperation", color: "#86b6dc", tint: "#e3eef8" },
  2: { name: "material cooperation", color: "#2f6f9f", tint: "#d8e5f0" },
  3: { name: "verbal conflict", color: "#eea04d", tint: "#fbeedc" },
  4: { name: "material conflict", color: "#bf3b2c", tint: "#f5dcd8" },
  0: { name: "not coded", color: "#9a9a9a", tint: "#ececec" },
};
const PRECISIONS = {
  exact: { color: "#14213d", dash: null, label: "exact spot" },
  city: { color: "#1f5f99", dash: null, label: "city" },
  admin2: { color: "#3f86c6", dash: null, label: "district (admin2)" },
  admin1: { color: "#7ba7d4", dash: "3 2", label: "province (admin1)" },
};
const CHOROPLETH = ["#f6ead2", "#eecb93", "#e3a35c", "#cd7433", "#a9491c", "#74290d"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MS = 86400000;

const state = {
  filters: {},
  page: 1,
  place: null, // "lat,lon" of the map point whose events the table lists
  article: null,
  event: null,
};

const cache = {
  world: null, // promise of the country shapes
  article: null, // the last article answer, reused while its events are browsed
  places: null,
  timeline: null,
  graph: null,
  placeItems: null,
};

// Each answer is drawn only if no newer request of its kind was made since it was sent.
let panelsTicket = 0;
let eventsTicket = 0;
let articleTicket = 0;

const $ = (selector, root = document) => root.querySelector(selector);

/* ---------- DOM helpers: text only, never HTML ---------- */

function el(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

function svg(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.setAttribute("class", value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// replaceChildren() would write a null child as the text "null": leave those out.
function setChildren(node, ...children) {
  node.replaceChildren(
    ...children.flat().filter((c) => c !== null && c !== undefined && c !== false),
  );
  return node;
}

function svgTitle(text) {
  return svg("title", { text });
}

/* ---------- URL state ---------- */

function readUrl() {
  const params = new URLSearchParams(location.search);
  state.filters = {};
  for (const key of FILTERS) {
    const value = (params.get(key) || "").trim();
    if (value) state.filters[key] = normalized(key, value);
  }
  state.page = Math.max(1, Number.parseInt(params.get("page") || "1", 10) || 1);
  state.place = params.get("place") || null;
  state.article = params.get("article") || null;
  state.event = params.get("event") || null;
}

// The API takes country codes in capitals and language codes in lower case.
function normalized(key, value) {
  if (key === "country") return value.toUpperCase();
  if (key === "language") return value.toLowerCase();
  return value;
}

function writeUrl(push) {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (state.filters[key]) params.set(key, state.filters[key]);
  if (state.place) params.set("place", state.place);
  if (state.page > 1) params.set("page", String(state.page));
  if (state.article) params.set("article", state.article);
  if (state.event) params.set("event", state.event);
  const query = params.toString();
  const url = location.pathname + (query ? `?${query}` : "");
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

function fillForm() {
  const form = $("#filters");
  for (const key of FILTERS) {
    const field = form.elements[key];
    const value = state.filters[key] || "";
    // A shared link may name a value the list lacks: add it rather than drop the filter.
    if (field.tagName === "SELECT" && value && ![...field.options].some((o) => o.value === value)) {
      field.append(el("option", { text: value }));
    }
    field.value = value;
  }
}

function formFilters() {
  const form = $("#filters");
  const filters = {};
  for (const key of FILTERS) {
    const value = normalized(key, form.elements[key].value.trim());
    if (value) filters[key] = value;
  }
  return filters;
}

function setFilters(changes) {
  state.filters = { ...state.filters, ...changes };
  for (const [key, value] of Object.entries(state.filters)) if (!value) delete state.filters[key];
  state.page = 1;
  state.place = null;
  fillForm();
  writeUrl(true);
  refresh();
}

/* ---------- the API ---------- */

class ApiError extends Error {}

async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (Array.isArray(body.detail)) {
        detail = body.detail
          .map((d) => `${(d.loc || []).filter((p) => p !== "query").join(".")}: ${d.msg}`)
          .join("; ");
      } else if (body.detail) detail = String(body.detail);
    } catch {
      // the body was not JSON: the status line says enough
    }
    throw new ApiError(detail);
  }
  return response.json();
}

function showStatus(message, kind = "error") {
  const status = $("#status");
  status.textContent = message;
  status.dataset.kind = message ? kind : "";
}

/* ---------- formatting ---------- */

function trimDay(day, precision) {
  if (!day) return day;
  if (precision === "year") return day.slice(0, 4);
  if (precision === "month") return day.slice(0, 7);
  return day;
}

function formatDate(date) {
  if (!date) return "—";
  const { start, end, precision } = date;
  if (start && end) {
    if (start === end || trimDay(start, precision) === trimDay(end, precision)) {
      return trimDay(start, precision);
    }
    if (precision === "week") return `week of ${start}`;
    return `${start} – ${end}`;
  }
  if (end) return `by ${end}`;
  if (start) return `from ${start}`;
  return "undated";
}

function dateTitle(date) {
  if (!date) return "";
  const parts = [`precision: ${date.precision || "unknown"}`, `from: ${date.source || "?"}`];
  if (date.deadline) parts.push(`deadline ${date.deadline.date} (${date.deadline.status})`);
  return parts.join(" · ");
}

function partyNames(parties, short = false) {
  if (!parties || parties.length === 0) return "—";
  return parties.map((p) => (short ? shortName(p) : p.name || p.text)).join(", ");
}

function shortName(actor) {
  // "Economic Community of West African States" reads better as ECOWAS in a cell.
  const name = actor.name || actor.text || actor.id || "?";
  if (name.length <= 24 || !actor.id) return name;
  if (!actor.id.includes("-") && actor.id.length <= 8) return actor.id.toUpperCase();
  return name;
}

function dateLines(date) {
  // The date on one line, and what kind of date it is on a second, smaller one.
  if (!date) return ["—"];
  const { start, end, precision } = date;
  const note = (text) => el("div", { class: "muted small", text });
  if (!start && end) return [end, note("on or before")];
  if (start && !end) return [start, note("on or after")];
  if (!start) return ["undated"];
  if (start === end || trimDay(start, precision) === trimDay(end, precision)) {
    return [trimDay(start, precision), precision === "day" ? null : note(precision)];
  }
  if (precision === "week") return [start, note("week of")];
  return [start, note(`to ${end}`)];
}

function quadOf(value) {
  return QUADS[value] || QUADS[0];
}

function typeChip(type, quad, mode) {
  if (quad === null || quad === undefined) return el("span", { class: "type-chip", text: type });
  const info = quadOf(quad);
  return el(
    "span",
    { class: "type-chip", title: `quad class ${quad}: ${info.name}${mode ? `, mode ${mode}` : ""}` },
    el("i", { class: "swatch", style: `background:${info.color}` }),
    type,
    mode ? el("span", { class: "mode", text: mode }) : null,
  );
}

function factualityBadge(factuality) {
  return el("span", { class: `badge fact-${factuality}`, text: factuality });
}

function placeCell(location) {
  if (!location || !location.name) {
    return el("span", { class: "muted", title: "the text names no place", text: "unplaced" });
  }
  const origins = {
    text: "named in the text",
    recipient: "the recipient's country",
    focus: "the article's focus country",
    none: "no place",
  };
  const origin = origins[location.source] || location.source;
  return el(
    "span",
    { class: "place", title: `${location.name} · ${location.precision} precision · ${origin}` },
    location.name,
    " ",
    el("span", { class: `precision p-${location.precision}`, text: location.precision }),
    location.source && location.source !== "text"
      ? el("span", { class: "muted small", text: ` via ${location.source}` })
      : null,
  );
}

function plural(n, word) {
  return `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
}

function codePoints(text) {
  // The records' offsets count Unicode code points (Python indices), not UTF-16 units.
  return Array.from(text || "");
}

/* ---------- labels that do not collide ---------- */

function textWidth(text, size) {
  return text.length * size * 0.58; // close enough for the sans-serif fonts in use
}

function overlaps(a, b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function inBounds(box, bounds) {
  return box.x0 >= bounds.x0 && box.x1 <= bounds.x1 && box.y0 >= bounds.y0 && box.y1 <= bounds.y1;
}

// Greedy placement: each label, most important first, goes right, left, above, below or
// to a corner of its circle, wherever it hits no label placed before and no circle of more
// than half its own weight; otherwise it is left out (its circle still has a tooltip).
// Circles and labels carry a `weight`; labels placed become obstacles of infinite weight.
function placeLabels(labels, circles, bounds) {
  const disc = (c) => ({ x0: c.x - c.r, x1: c.x + c.r, y0: c.y - c.r, y1: c.y + c.r, weight: c.weight });
  const taken = circles.map(disc);
  return labels.map((l) => {
    const w = textWidth(l.text, l.size);
    const h = l.size;
    const out = l.r + l.gap; // from the centre to the label's nearest edge
    const candidates = [
      { x: l.x + out, y: l.y + h * 0.35, anchor: "start", left: l.x + out, top: l.y - h / 2 },
      { x: l.x - out, y: l.y + h * 0.35, anchor: "end", left: l.x - out - w, top: l.y - h / 2 },
      { x: l.x, y: l.y - out, anchor: "middle", left: l.x - w / 2, top: l.y - out - h },
      { x: l.x, y: l.y + out + h * 0.8, anchor: "middle", left: l.x - w / 2, top: l.y + out },
      { x: l.x + out * 0.7, y: l.y - out * 0.7, anchor: "start", left: l.x + out * 0.7, top: l.y - out * 0.7 - h * 0.8 },
      { x: l.x + out * 0.7, y: l.y + out * 0.7 + h * 0.8, anchor: "start", left: l.x + out * 0.7, top: l.y + out * 0.7 },
      { x: l.x - out * 0.7, y: l.y - out * 0.7, anchor: "end", left: l.x - out * 0.7 - w, top: l.y - out * 0.7 - h * 0.8 },
      { x: l.x - out * 0.7, y: l.y + out * 0.7 + h * 0.8, anchor: "end", left: l.x - out * 0.7 - w, top: l.y + out * 0.7 },
    ];
    for (const c of candidates) {
      const box = { x0: c.left, x1: c.left + w, y0: c.top, y1: c.top + h };
      // A label may cover the circle of a much lesser node (it has a halo), never a label.
      const blocked = taken.some((t) => t.weight * 2 > l.weight && overlaps(t, box));
      if (inBounds(box, bounds) && !blocked) {
        taken.push({ ...box, weight: Infinity });
        return c;
      }
    }
    return null;
  });
}

/* ---------- tooltip ---------- */

function showTip(event, lines) {
  const tip = $("#tip");
  setChildren(tip, lines.map((line, i) => el(i === 0 ? "strong" : "div", { text: line })));
  tip.hidden = false;
  const pad = 14;
  const { innerWidth, innerHeight } = window;
  const box = tip.getBoundingClientRect();
  let x = event.clientX + pad;
  let y = event.clientY + pad;
  if (x + box.width > innerWidth - 4) x = event.clientX - box.width - pad;
  if (y + box.height > innerHeight - 4) y = event.clientY - box.height - pad;
  tip.style.left = `${Math.max(4, x)}px`;
  tip.style.top = `${Math.max(4, y)}px`;
}

function hideTip() {
  $("#tip").hidden = true;
}

function withTip(node, lines) {
  node.addEventListener("pointermove", (e) => {
    showTip(e, typeof lines === "function" ? lines() : lines);
  });
  node.addEventListener("pointerleave", hideTip);
  return node;
}

/* ---------- loading everything ---------- */

function filterParams() {
  return { ...state.filters };
}

async function refresh() {
  const ticket = ++panelsTicket;
  const eventsNow = ++eventsTicket;
  const params = filterParams();
  document.body.dataset.state = "loading";
  const current = () => ticket === panelsTicket;
  const places = api("/api/places", params);
  const jobs = [
    places.then((data) => current() && drawMap(data)),
    api("/api/timeline", params).then((data) => current() && drawTimeline(data)),
    api("/api/graph", { ...params, limit: GRAPH_EDGES }).then(
      (data) => current() && drawNetwork(data),
    ),
    loadEvents(params, places, () => eventsNow === eventsTicket),
  ];
  const results = await Promise.allSettled(jobs);
  if (!current()) return;
  const failed = results.find((r) => r.status === "rejected");
  if (failed) {
    showStatus(`Could not load: ${failed.reason.message}`);
    document.body.dataset.state = "error";
  } else {
    showStatus("");
    document.body.dataset.state = "ready";
  }
}

async function loadEvents(params, places, current) {
  if (state.place) {
    const point = findPoint((await places)?.points, state.place);
    if (point) {
      const items = await placeEvents(params, point);
      if (current()) drawPlaceEvents(point, items);
      return;
    }
    state.place = null; // the point is gone under these filters
    writeUrl(false);
  }
  const page = await api("/api/events", {
    ...params,
    limit: PAGE_SIZE,
    offset: (state.page - 1) * PAGE_SIZE,
  });
  if (!current()) return;
  if (page.items.length === 0 && page.total > 0 && state.page > 1) {
    state.page = 1; // a shared link to a page that no longer exists
    writeUrl(false);
    return loadEvents(params, places, current);
  }
  cache.placeItems = null;
  $("#place-note").hidden = true;
  drawEvents(page.items, page.total, page.offset);
}

function loadAtStart() {
  api("/api/stats").then(drawStats, () => {});
  loadAlerts();
  api("/api/actors", { limit: 300 }).then(fillActors, () => {});
}

/* When a batch lands (the store's counts change), redraw counts, map, timeline, network
   and events under the current filters, without a reload. */
function watchForBatches() {
  let seen = null;
  const look = async () => {
    let stats;
    try {
      stats = await api("/api/stats");
    } catch {
      return; // the server is away for a moment; the next look will tell
    }
    const now = `${stats.articles}/${stats.events}/${stats.stories}/${stats.quarantined}`;
    if (seen !== null && now !== seen) {
      drawStats(stats);
      refresh();
      loadAlerts(); // alerts fire with the batch that landed
    }
    seen = now;
  };
  look();
  setInterval(look, LANDING_POLL_MS);
}

function drawStats(stats) {
  const items = [
    ["articles", stats.articles],
    ["events", stats.events],
    ["stories", stats.stories],
    ["contradictions", stats.contradictions],
  ];
  const list = $("#stats");
  setChildren(list);
  for (const [name, value] of items) {
    const shown = (value ?? 0).toLocaleString("en");
    list.append(el("div", {}, el("dt", { text: name }), el("dd", { text: shown })));
  }
  if (stats.first_published) {
    list.append(
      el("div", { class: "span" }, el("dt", { text: "published" }),
        el("dd", { text: `${stats.first_published} → ${stats.last_published}` })),
    );
  }
  const languages = stats.languages || [];
  if (languages.length) {
    list.append(
      el("div", { class: "span languages" }, el("dt", { text: "languages" }),
        el("dd", {
          text: languagesLine(languages, stats.not_coded_articles ?? 0),
          title: languages.map(languageTitle).join("\n"),
        })),
    );
  }
  fillLanguages(languages);
}

function languageTitle(l) {
  const articles = plural(l.articles, "article");
  return l.coded
    ? `${l.language}: ${articles}, ${plural(l.events, "event")}`
    : `${l.language}: ${articles}, not coded (stored and listed, no events)`;
}

/* "en 42 · fr 10 · 3 not coded": the articles in each language harmattan codes, then
   those it stores without coding, as one count. */
function languagesLine(languages, notCoded) {
  const parts = languages
    .filter((l) => l.coded)
    .map((l) => `${l.language} ${l.articles.toLocaleString("en")}`);
  if (notCoded) parts.push(`${notCoded.toLocaleString("en")} not coded`);
  return parts.join(" · ");
}

/* The language filter offers the coded languages the store holds (a language not coded
   has no events to show), and keeps any other the URL names. Options are bare codes, so
   that the filters stay one row; the masthead gives the counts. */
function fillLanguages(languages) {
  const select = $("#filters select[name=language]");
  const current = state.filters.language || "";
  setChildren(select,
    el("option", { value: "", text: "any" }),
    ...languages.filter((l) => l.coded).map((l) =>
      el("option", { value: l.language, text: l.language, title: languageTitle(l) })),
  );
  if (current && ![...select.options].some((o) => o.value === current)) {
    select.append(el("option", { value: current, text: current }));
  }
  select.value = current;
}

function fillActors(actors) {
  setChildren($("#actor-list"),
    ...actors.map((a) => el("option", { value: a.id, label: `${a.name} (${a.events})` })),
  );
}

/* ---------- events table ---------- */

function drawEvents(items, total, offset) {
  const body = $("#events tbody");
  setChildren(body, ...items.map(eventRow));
  $("#events-count").textContent = plural(total, "event");
  $("#events-empty").hidden = total > 0;
  drawPager(total, offset);
  markSelectedRow();
}

function eventRow(item) {
  const sentence = evidenceCell(item);
  const row = el(
    "tr",
    {
      tabindex: "0",
      dataset: { eventId: item.id, articleId: item.article_id },
      title: "Open the article",
    },
    el("td", { class: "date", title: dateTitle(item.date) }, ...dateLines(item.date)),
    el("td", { class: "type" }, typeChip(item.type, item.quad_class, item.mode)),
    el("td", { class: "factuality" }, factualityBadge(item.factuality)),
    el(
      "td",
      { class: "parties" },
      partySpan("actor", item.actors),
      el("span", { class: "arrow", text: " → " }),
      partySpan("recipient", item.recipients),
    ),
    el("td", { class: "where" }, placeCell(item.location)),
    el("td", { class: "evidence-cell" }, sentence),
  );
  const open = () => selectEvent(item.article_id, item.id);
  row.addEventListener("click", open);
  row.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      open();
    }
  });
  return row;
}

function partySpan(role, parties) {
  return el("span", { class: role, title: partyNames(parties), text: partyNames(parties, true) });
}

function evidenceCell(item) {
  const chars = codePoints(item.sentence.text);
  const from = item.trigger.start - item.sentence.start;
  const to = item.trigger.end - item.sentence.start;
  const wrap = el("div", { class: "sentence", title: item.sentence.text });
  if (from >= 0 && to <= chars.length && from < to) {
    wrap.append(
      chars.slice(0, from).join(""),
      el("b", { class: "trig", text: chars.slice(from, to).join("") }),
      chars.slice(to).join(""),
    );
  } else {
    wrap.textContent = item.sentence.text;
  }
  const meta = el("div", { class: "row-meta" }, `${item.source || "unnamed source"}, ${item.published}`);
  return el("div", {}, wrap, meta);
}

function drawPager(total, offset) {
  const pager = $("#pager");
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + PAGE_SIZE);
  const go = (page) => () => {
    state.page = page;
    writeUrl(false);
    if (cache.placeItems) drawPlacePage();
    else refreshEvents();
  };
  setChildren(pager,
    el("button", {
      type: "button",
      disabled: state.page <= 1,
      onclick: go(state.page - 1),
      "aria-label": "Previous page",
    }, "‹"),
    el("span", { class: "range", text: `${first}–${last} of ${total}` }),
    el("button", {
      type: "button",
      disabled: state.page >= pages,
      onclick: go(state.page + 1),
      "aria-label": "Next page",
    }, "›"),
  );
}

async function refreshEvents() {
  const ticket = ++eventsTicket;
  try {
    await loadEvents(filterParams(), Promise.resolve(cache.places), () => ticket === eventsTicket);
    showStatus("");
  } catch (error) {
    showStatus(`Could not load: ${error.message}`);
  }
}

function markSelectedRow() {
  for (const row of document.querySelectorAll("#events tbody tr")) {
    const selected = row.dataset.eventId === state.event;
    row.classList.toggle("selected", selected);
    row.setAttribute("aria-selected", selected ? "true" : "false");
  }
}

/* ---------- events of one map point ---------- */

function pointKey(point) {
  return `${point.lat},${point.lon}`;
}

function findPoint(points, key) {
  return (points || []).find((p) => pointKey(p) === key) || null;
}

function samePlace(location, point) {
  return (
    location && location.name === point.name && location.lat === point.lat &&
    location.lon === point.lon && location.precision === point.precision
  );
}

async function placeEvents(params, point) {
  // The API lists events by country, not by point: ask for the point's country (unless a
  // country filter already narrows it) and keep the events that sit on the point.
  const query = { ...params, country: params.country || point.country, limit: PLACE_PAGE };
  const items = [];
  for (let offset = 0; ; offset += PLACE_PAGE) {
    const page = await api("/api/events", { ...query, offset });
    items.push(...page.items.filter((e) => samePlace(e.location, point)));
    if (offset + PLACE_PAGE >= page.total || offset >= 20 * PLACE_PAGE) break;
  }
  return items;
}

function drawPlaceEvents(point, items) {
  cache.placeItems = { point, items };
  const note = $("#place-note");
  setChildren(note,
    `Only the events at ${point.name} (${point.precision} precision, ${point.country}). `,
    el("button", {
      type: "button",
      class: "link",
      onclick: () => {
        state.place = null;
        state.page = 1;
        writeUrl(true);
        refreshEvents();
        highlightPoint();
      },
    }, "Show all events"),
  );
  note.hidden = false;
  drawPlacePage();
  highlightPoint();
}

function drawPlacePage() {
  const { items } = cache.placeItems;
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  state.page = Math.min(state.page, pages);
  const offset = (state.page - 1) * PAGE_SIZE;
  drawEvents(items.slice(offset, offset + PAGE_SIZE), items.length, offset);
}

function selectPoint(point) {
  state.place = pointKey(point);
  state.page = 1;
  writeUrl(true);
  refreshEvents();
  highlightPoint();
}

function highlightPoint() {
  for (const node of document.querySelectorAll("#map .point")) {
    node.classList.toggle("selected", node.dataset.key === state.place);
  }
}

/* ---------- the map ---------- */

// Equal Earth projection (Šavrič, Patterson & Jenny 2018): equal-area, so the shaded
// countries keep their true relative sizes.
const EE = { a1: 1.340264, a2: -0.081106, a3: 0.000893, a4: 0.003796, m: Math.sqrt(3) / 2 };
const MAP_WIDTH = 960;
const MAP_TOP = 84;
const MAP_BOTTOM = -58;

function equalEarth(lon, lat) {
  const lambda = (lon * Math.PI) / 180;
  const theta = Math.asin(EE.m * Math.sin((lat * Math.PI) / 180));
  const t2 = theta * theta;
  const t6 = t2 * t2 * t2;
  const y = theta * (EE.a1 + EE.a2 * t2 + t6 * (EE.a3 + EE.a4 * t2));
  const slope = EE.a1 + 3 * EE.a2 * t2 + t6 * (7 * EE.a3 + 9 * EE.a4 * t2);
  const x = (lambda * Math.cos(theta)) / (EE.m * slope);
  return [x, y];
}

const MAP_SCALE = MAP_WIDTH / (2 * equalEarth(180, 0)[0]);
const MAP_Y0 = equalEarth(0, MAP_TOP)[1];
const MAP_HEIGHT = Math.round(MAP_SCALE * (MAP_Y0 - equalEarth(0, MAP_BOTTOM)[1]));

function project(lon, lat) {
  const [x, y] = equalEarth(lon, lat);
  return [MAP_WIDTH / 2 + MAP_SCALE * x, MAP_SCALE * (MAP_Y0 - y)];
}

function f1(value) {
  return value.toFixed(1);
}

function linePath(points) {
  return `M${points.map(([x, y]) => `${f1(x)},${f1(y)}`).join("L")}`;
}

function ringPath(ring) {
  return `${linePath(ring.map(([lon, lat]) => project(lon, lat)))}Z`;
}

function unwrapRing(ring) {
  // A ring cut by the antimeridian jumps by ~360°: make its longitudes continuous, then
  // draw it once more shifted by a full turn; the clip path trims both at the edge.
  const out = [ring[0].slice()];
  let shift = 0;
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > 180) shift -= 360;
    else if (step < -180) shift += 360;
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  if (shift === 0 && out.every(([lon]) => lon >= -180 && lon <= 180)) return [ring];
  const over = out.some(([lon]) => lon > 180) ? -360 : 360;
  return [out, out.map(([lon, lat]) => [lon + over, lat])];
}

function featurePath(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const parts = [];
  for (const polygon of polygons) {
    for (const ring of polygon) for (const piece of unwrapRing(ring)) parts.push(ringPath(piece));
  }
  return parts.join("");
}

function outlinePath() {
  const points = [];
  for (let lat = -90; lat <= 90; lat += 2) points.push([-180, lat]);
  for (let lat = 90; lat >= -90; lat -= 2) points.push([180, lat]);
  return ringPath(points);
}

function graticulePath() {
  const parts = [];
  for (let lon = -180; lon <= 180; lon += 30) {
    const line = [];
    for (let lat = -80; lat <= 80; lat += 4) line.push(project(lon, lat));
    parts.push(linePath(line));
  }
  for (let lat = -60; lat <= 80; lat += 20) {
    const line = [];
    for (let lon = -180; lon <= 180; lon += 4) line.push(project(lon, lat));
    parts.push(linePath(line));
  }
  return parts.join("");
}

function loadWorld() {
  if (!cache.world) {
    cache.world = fetch("/static/vendor/countries-110m.json")
      .then((r) => {
        if (!r.ok) throw new ApiError(`world map: ${r.status}`);
        return r.json();
      })
      .then((topology) => {
        if (!window.topojson) throw new ApiError("topojson-client did not load");
        return window.topojson
          .feature(topology, topology.objects.countries)
          .features.filter((f) => f.id !== "010"); // Antarctica is off the map
      });
  }
  return cache.world;
}

const mapView = { k: 1, x: 0, y: 0 };

async function buildMap() {
  const map = $("#map");
  if (map.dataset.built) return;
  const features = await loadWorld();
  if (map.dataset.built) return;
  map.dataset.built = "1";
  map.setAttribute("viewBox", `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`);
  const countries = svg("g", { class: "countries" });
  for (const feature of features) {
    const name = feature.properties?.name || "unknown";
    countries.append(
      svg("path", {
        class: "country",
        d: featurePath(feature.geometry),
        dataset: { id: feature.id || "", name },
      }),
    );
  }
  map.append(
    svg("defs", {}, svg("clipPath", { id: "map-clip" }, svg("path", { d: outlinePath() }))),
    svg("g", { "clip-path": "url(#map-clip)" },
      svg("path", { class: "sphere", d: outlinePath() }),
      svg("path", { class: "graticule", d: graticulePath() }),
      countries),
    svg("g", { class: "points" }),
    svg("g", { class: "labels" }),
  );
  countries.addEventListener("click", (e) => {
    const path = e.target.closest("path.country");
    if (path && path.dataset.iso3 && !mapDrag.moved) setFilters({ country: path.dataset.iso3 });
  });
  enableMapZoom(map);
}

async function drawMap(data) {
  cache.places = data;
  await buildMap();
  const map = $("#map");
  const precise = new Map();
  for (const p of data.points) precise.set(p.country, (precise.get(p.country) || 0) + p.events);
  const byNumeric = new Map();
  for (const c of data.countries) {
    // The API counts every event placed in a country; the shading is for those placed
    // no more precisely than the country, as the precise ones are circles.
    const countryLevel = c.events - (precise.get(c.iso3) || 0);
    if (c.numeric) byNumeric.set(c.numeric, { ...c, countryLevel });
  }
  const levels = [...byNumeric.values()].map((c) => c.countryLevel);
  const max = Math.max(1, ...levels);
  for (const path of map.querySelectorAll("path.country")) {
    const found = byNumeric.get(path.dataset.id);
    setChildren(path);
    if (found) {
      path.dataset.iso3 = found.iso3;
      path.dataset.events = String(found.events);
      path.dataset.countryLevel = String(found.countryLevel);
      path.classList.add("has-events");
      const level = found.countryLevel;
      path.style.fill = level > 0 ? choropleth(level, max) : CHOROPLETH[0];
      const lines = [
        `${path.dataset.name} (${found.iso3})`,
        `${plural(found.events, "event")} in all`,
        `${level} placed at country level, ${found.events - level} at precise places`,
        "click to filter on this country",
      ];
      path.append(svgTitle(lines.join("\n")));
    } else {
      delete path.dataset.iso3;
      delete path.dataset.events;
      delete path.dataset.countryLevel;
      path.classList.remove("has-events");
      path.style.fill = "";
      path.append(svgTitle(path.dataset.name));
    }
  }
  drawPoints(map, data.points);
  drawMapLegend(levels.some((n) => n > 0) ? max : 0, data.points);
  applyMapView();
}

function choropleth(value, max) {
  const t = Math.log1p(value) / Math.log1p(max);
  return CHOROPLETH[Math.min(CHOROPLETH.length - 1, Math.round(t * (CHOROPLETH.length - 1)))];
}

function pointRadius(events, max) {
  return 3.5 + 10 * Math.sqrt(events / max);
}

function drawPoints(map, points) {
  const layer = $(".points", map);
  const labels = $(".labels", map);
  const max = Math.max(1, ...points.map((p) => p.events));
  // Big circles first, so the small ones stay on top and clickable.
  const ordered = [...points].sort((a, b) => b.events - a.events);
  setChildren(layer,
    ...ordered.map((p) => {
      const [x, y] = project(p.lon, p.lat);
      const style = PRECISIONS[p.precision] || PRECISIONS.city;
      const title = `${p.name} (${p.country}), ${p.precision} precision: ${plural(p.events, "event")}`;
      return svg(
        "circle",
        {
          class: `point p-${p.precision}`,
          cx: x.toFixed(1),
          cy: y.toFixed(1),
          fill: style.color,
          "stroke-dasharray": style.dash,
          tabindex: "0",
          role: "button",
          "aria-label": title,
          dataset: {
            name: p.name,
            key: pointKey(p),
            precision: p.precision,
            events: String(p.events),
            r: pointRadius(p.events, max).toFixed(2),
          },
          onclick: (e) => {
            e.stopPropagation();
            if (!mapDrag.moved) selectPoint(p);
          },
          onkeydown: (e) => {
            if (e.key === "Enter") selectPoint(p);
          },
        },
        svgTitle(`${title}\nclick to list these events`),
      );
    }),
  );
  setChildren(labels,
    ...ordered.slice(0, 12).map((p) => {
      const [x, y] = project(p.lon, p.lat);
      return svg("text", {
        class: "point-label",
        dataset: {
          x: x.toFixed(1),
          y: y.toFixed(1),
          r: pointRadius(p.events, max).toFixed(2),
          events: String(p.events),
        },
        text: p.name,
      });
    }),
  );
  highlightPoint();
}

function drawMapLegend(max, points) {
  const legend = $("#map-legend");
  const scale = el("div", { class: "scale" },
    el("span", { class: "muted", text: "events at country level" }),
    el("span", { class: "ramp" }, ...CHOROPLETH.map((c) => el("i", { style: `background:${c}` }))),
    el("span", { class: "muted", text: max ? `1 – ${max}` : "none here" }));
  const used = new Set(points.map((p) => p.precision));
  const keys = Object.keys(PRECISIONS).filter((k) => used.has(k) || k === "city");
  const symbols = keys.map((k) => {
    const { color, dash, label } = PRECISIONS[k];
    const dot = el("i", { class: `dot${dash ? " dashed" : ""}`, style: `background:${color}` });
    return el("span", { class: "key" }, dot, label);
  });
  setChildren(legend,
    scale,
    el("div", { class: "keys" },
      el("span", { class: "muted", text: "place precision:" }),
      symbols,
      el("span", { class: "muted", text: "· circle area by events" })),
  );
}

const mapDrag = { active: false, moved: false, x: 0, y: 0 };

function enableMapZoom(map) {
  const frame = map.parentElement;
  const toSvg = (clientX, clientY) => {
    const box = map.getBoundingClientRect();
    return [
      mapView.x + ((clientX - box.left) / box.width) * (MAP_WIDTH / mapView.k),
      mapView.y + ((clientY - box.top) / box.height) * (MAP_HEIGHT / mapView.k),
    ];
  };
  map.addEventListener("wheel", (e) => {
    e.preventDefault();
    const [x, y] = toSvg(e.clientX, e.clientY);
    zoomMap(e.deltaY < 0 ? 1.25 : 0.8, x, y);
  }, { passive: false });
  map.addEventListener("dblclick", (e) => {
    const [x, y] = toSvg(e.clientX, e.clientY);
    zoomMap(2, x, y);
  });
  map.addEventListener("pointerdown", (e) => {
    mapDrag.active = true;
    mapDrag.moved = false;
    mapDrag.x = e.clientX;
    mapDrag.y = e.clientY;
  });
  window.addEventListener("pointermove", (e) => {
    if (!mapDrag.active) return;
    const dx = e.clientX - mapDrag.x;
    const dy = e.clientY - mapDrag.y;
    if (!mapDrag.moved && Math.hypot(dx, dy) < 4) return;
    mapDrag.moved = true;
    frame.classList.add("panning");
    const box = map.getBoundingClientRect();
    mapView.x -= (dx / box.width) * (MAP_WIDTH / mapView.k);
    mapView.y -= (dy / box.height) * (MAP_HEIGHT / mapView.k);
    mapDrag.x = e.clientX;
    mapDrag.y = e.clientY;
    applyMapView();
  });
  window.addEventListener("pointerup", () => {
    mapDrag.active = false;
    frame.classList.remove("panning");
    // the click that ends a drag comes right after pointerup: let it see `moved`
    setTimeout(() => { mapDrag.moved = false; }, 0);
  });
  for (const button of document.querySelectorAll("#map-panel [data-zoom]")) {
    button.addEventListener("click", () => {
      const action = button.dataset.zoom;
      const cx = mapView.x + MAP_WIDTH / mapView.k / 2;
      const cy = mapView.y + MAP_HEIGHT / mapView.k / 2;
      if (action === "reset") {
        mapView.k = 1;
        mapView.x = 0;
        mapView.y = 0;
        applyMapView();
      } else zoomMap(action === "in" ? 1.6 : 1 / 1.6, cx, cy);
    });
  }
}

function zoomMap(factor, x, y) {
  const k = Math.min(16, Math.max(1, mapView.k * factor));
  const ratio = mapView.k / k;
  mapView.x = x - (x - mapView.x) * ratio;
  mapView.y = y - (y - mapView.y) * ratio;
  mapView.k = k;
  applyMapView();
}

function applyMapView() {
  const map = $("#map");
  const w = MAP_WIDTH / mapView.k;
  const h = MAP_HEIGHT / mapView.k;
  mapView.x = Math.min(Math.max(0, mapView.x), MAP_WIDTH - w);
  mapView.y = Math.min(Math.max(0, mapView.y), MAP_HEIGHT - h);
  map.setAttribute("viewBox", [mapView.x, mapView.y, w, h].map((v) => v.toFixed(2)).join(" "));
  // Circles and labels keep their size on screen whatever the zoom.
  for (const c of map.querySelectorAll(".point")) {
    c.setAttribute("r", (Number(c.dataset.r) / mapView.k).toFixed(3));
  }
  const size = 12 / mapView.k;
  const circles = [...map.querySelectorAll(".point")].map((c) => ({
    x: Number(c.getAttribute("cx")),
    y: Number(c.getAttribute("cy")),
    r: Number(c.dataset.r) / mapView.k,
    weight: Number(c.dataset.events),
  }));
  const texts = [...map.querySelectorAll(".point-label")];
  const spots = placeLabels(
    texts.map((t) => ({
      x: Number(t.dataset.x),
      y: Number(t.dataset.y),
      r: Number(t.dataset.r) / mapView.k,
      weight: Number(t.dataset.events),
      text: t.textContent,
      size,
      gap: 2 / mapView.k,
    })),
    circles,
    { x0: mapView.x, x1: mapView.x + w, y0: mapView.y, y1: mapView.y + h },
  );
  texts.forEach((t, i) => {
    const spot = spots[i];
    t.setAttribute("visibility", spot ? "visible" : "hidden");
    if (!spot) return;
    t.setAttribute("x", spot.x.toFixed(2));
    t.setAttribute("y", spot.y.toFixed(2));
    t.setAttribute("text-anchor", spot.anchor);
    t.style.fontSize = `${size.toFixed(3)}px`;
    t.style.strokeWidth = `${(3 / mapView.k).toFixed(3)}px`;
  });
}

/* ---------- the timeline ---------- */

function parseDay(day) {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function isoDay(time) {
  return new Date(time).toISOString().slice(0, 10);
}

const BINS = {
  day: { days: 1, start: (t) => t, next: (t) => t + DAY_MS, label: "day" },
  week: {
    days: 7,
    start: (t) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS,
    next: (t) => t + 7 * DAY_MS,
    label: "week",
  },
  month: {
    days: 30.4,
    start: (t) => {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    },
    next: (t) => {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    },
    label: "month",
  },
};

function chooseBin(first, last, width) {
  const days = (last - first) / DAY_MS + 1;
  for (const name of ["day", "week", "month"]) {
    if ((width / days) * BINS[name].days >= 6) return name;
  }
  return "month";
}

function binLabel(unit, start) {
  const d = new Date(start);
  if (unit === "day") return isoDay(start);
  if (unit === "week") return `week of ${isoDay(start)}`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function timeTicks(t0, t1, maxTicks) {
  const steps = [
    [1, "d"], [2, "d"], [7, "d"], [14, "d"],
    [1, "m"], [2, "m"], [3, "m"], [6, "m"], [12, "m"], [24, "m"], [60, "m"],
  ];
  for (const [n, unit] of steps) {
    const ticks = [];
    if (unit === "d") {
      let t = BINS.day.start(t0);
      if (n === 7 || n === 14) t = BINS.week.start(t) + (BINS.week.start(t) < t0 ? 7 * DAY_MS : 0);
      for (; t <= t1; t += n * DAY_MS) ticks.push(t);
    } else {
      const d = new Date(t0);
      let year = d.getUTCFullYear();
      let month = Math.ceil((d.getUTCMonth() + (d.getUTCDate() > 1 ? 1 : 0)) / n) * n;
      for (;;) {
        const t = Date.UTC(year, month, 1);
        if (t > t1) break;
        if (t >= t0) ticks.push(t);
        month += n;
        if (month >= 12) {
          year += Math.floor(month / 12);
          month %= 12;
        }
      }
    }
    if (ticks.length <= maxTicks) return { ticks, unit, n };
  }
  return { ticks: [], unit: "m", n: 12 };
}

function tickLabel(t, unit, n, previous) {
  const d = new Date(t);
  const newYear = previous === null || new Date(previous).getUTCFullYear() !== d.getUTCFullYear();
  const month = MONTHS[d.getUTCMonth()];
  const year = d.getUTCFullYear();
  if (unit === "d") return `${month} ${d.getUTCDate()}${newYear ? ` ${year}` : ""}`;
  if (n >= 12) return String(year);
  return d.getUTCMonth() === 0 || newYear ? `${month} ${year}` : month;
}

function drawTimeline(rows) {
  cache.timeline = rows;
  const chart = $("#timeline");
  const width = Math.max(320, Math.round(chart.parentElement.clientWidth));
  const height = 190;
  const m = { left: 36, right: 14, top: 12, bottom: 26 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  chart.setAttribute("width", width);
  chart.setAttribute("height", height);
  setChildren(chart, timelineDefs());
  if (rows.length === 0) {
    chart.append(emptyChart(width, height, "No event matches these filters."));
    drawTimelineLegend(null);
    return;
  }
  const days = rows.map((r) => parseDay(r.day));
  const unit = chooseBin(Math.min(...days), Math.max(...days), pw);
  const bin = BINS[unit];
  const bins = new Map();
  rows.forEach((row, i) => {
    const start = bin.start(days[i]);
    if (!bins.has(start)) {
      bins.set(start, { start, end: bin.next(start), counts: new Map(), total: 0 });
    }
    const b = bins.get(start);
    const key = `${row.quad_class || 0}:${row.factuality === "asserted" ? "asserted" : "other"}`;
    b.counts.set(key, (b.counts.get(key) || 0) + row.events);
    b.total += row.events;
  });
  const starts = [...bins.keys()];
  const t0 = Math.min(...starts);
  const t1 = bin.next(Math.max(...starts));
  const x = (t) => m.left + ((t - t0) / (t1 - t0)) * pw;
  const top = niceMax(Math.max(...[...bins.values()].map((b) => b.total)));
  const y = (v) => m.top + ph - (v / top) * ph;

  const grid = svg("g", { class: "grid" });
  for (const v of yTicks(top)) {
    grid.append(
      svg("line", { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v) }),
      svg("text", { class: "tick y", x: m.left - 6, y: y(v) + 4, text: String(v) }),
    );
  }
  const axis = svg("g", { class: "axis" });
  const { ticks, unit: tickUnit, n } = timeTicks(t0, t1, Math.max(2, Math.floor(pw / 84)));
  ticks.forEach((t, i) => {
    const label = tickLabel(t, tickUnit, n, i ? ticks[i - 1] : null);
    const half = textWidth(label, 11) / 2;
    // Labels at either end are anchored inwards, so none is cut by the edge of the chart.
    const anchor = x(t) - half < 2 ? "start" : x(t) + half > width - 2 ? "end" : "middle";
    axis.append(
      svg("line", { x1: x(t), x2: x(t), y1: m.top + ph, y2: m.top + ph + 4 }),
      svg("text", { class: "tick x", x: x(t), y: height - 8, "text-anchor": anchor, text: label }),
    );
  });
  const bottom = m.top + ph;
  axis.append(svg("line", { class: "baseline", x1: m.left, x2: width - m.right, y1: bottom, y2: bottom }));

  const bars = svg("g", { class: "bars" });
  const order = [1, 2, 3, 4, 0].flatMap((q) => [`${q}:asserted`, `${q}:other`]);
  for (const b of bins.values()) {
    const bx = x(b.start);
    const bw = Math.max(1.5, x(b.end) - bx - (x(b.end) - bx > 4 ? 1 : 0));
    const group = svg("g", {
      class: "bin",
      dataset: { start: isoDay(b.start), end: isoDay(b.end - DAY_MS), events: String(b.total) },
    });
    group.append(svg("rect", { class: "hit", x: bx, y: m.top, width: bw, height: ph }));
    let acc = 0;
    for (const key of order) {
      const count = b.counts.get(key);
      if (!count) continue;
      const [quad, kind] = key.split(":");
      group.append(
        svg("rect", {
          class: `bar ${kind}`,
          x: bx.toFixed(2),
          width: bw.toFixed(2),
          y: y(acc + count).toFixed(2),
          height: (y(acc) - y(acc + count)).toFixed(2),
          fill: kind === "asserted" ? quadOf(Number(quad)).color : `url(#hatch-${quad})`,
          dataset: { quad, factuality: kind, events: String(count) },
        }),
      );
      acc += count;
    }
    withTip(group, () => binTip(unit, b));
    bars.append(group);
  }
  const brush = svg("rect", { class: "brush", x: 0, y: m.top, width: 0, height: ph });
  brush.setAttribute("visibility", "hidden");
  chart.append(grid, bars, axis, brush);
  chart.dataset.unit = unit;
  enableBrush(chart, { x0: m.left, x1: width - m.right, t0, t1, bins, unit, brush });
  drawTimelineLegend(unit);
}

function emptyChart(width, height, text) {
  return svg("text", { class: "empty-chart", x: width / 2, y: height / 2, text });
}

function binTip(unit, b) {
  const lines = [`${binLabel(unit, b.start)} · ${plural(b.total, "event")}`];
  for (const q of [1, 2, 3, 4, 0]) {
    const asserted = b.counts.get(`${q}:asserted`) || 0;
    const other = b.counts.get(`${q}:other`) || 0;
    if (asserted + other === 0) continue;
    lines.push(`${quadOf(q).name}: ${asserted} asserted${other ? `, ${other} other` : ""}`);
  }
  lines.push("click to keep only these dates");
  return lines;
}

function timelineDefs() {
  const defs = svg("defs");
  for (const [q, info] of Object.entries(QUADS)) {
    defs.append(
      svg("pattern", {
        id: `hatch-${q}`,
        width: 5,
        height: 5,
        patternUnits: "userSpaceOnUse",
        patternTransform: "rotate(45)",
      },
      svg("rect", { width: 5, height: 5, fill: info.tint }),
      svg("rect", { width: 2, height: 5, fill: info.color })),
    );
  }
  return defs;
}

function niceMax(value) {
  if (value <= 5) return Math.max(1, value);
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * magnitude >= value) return f * magnitude;
  return value;
}

function yTicks(top) {
  const step = top <= 5 ? 1 : top / 5;
  const ticks = [];
  for (let v = 0; v <= top + 1e-9; v += step) ticks.push(Math.round(v * 10) / 10);
  return ticks.length > 6 ? ticks.filter((_, i) => i % 2 === 0) : ticks;
}

function enableBrush(chart, scale) {
  const { x0, x1, t0, t1, bins, unit, brush } = scale;
  const toX = (e) => {
    const box = chart.getBoundingClientRect();
    const vb = chart.viewBox.baseVal;
    return Math.min(x1, Math.max(x0, ((e.clientX - box.left) / box.width) * vb.width));
  };
  const toTime = (px) => t0 + ((px - x0) / (x1 - x0)) * (t1 - t0);
  let start = null;
  chart.onpointerdown = (e) => {
    start = toX(e);
    chart.setPointerCapture(e.pointerId);
  };
  chart.onpointermove = (e) => {
    if (start === null) return;
    const now = toX(e);
    brush.setAttribute("x", Math.min(start, now));
    brush.setAttribute("width", Math.abs(now - start));
    brush.setAttribute("visibility", Math.abs(now - start) >= 4 ? "visible" : "hidden");
  };
  chart.onpointerup = (e) => {
    if (start === null) return;
    const end = toX(e);
    const from = Math.min(start, end);
    const to = Math.max(start, end);
    start = null;
    brush.setAttribute("visibility", "hidden");
    hideTip();
    if (to - from < 4) {
      const at = BINS[unit].start(Math.floor(toTime(to) / DAY_MS) * DAY_MS);
      const b = bins.get(at);
      if (b) setFilters({ since: isoDay(b.start), until: isoDay(b.end - DAY_MS) });
      return;
    }
    const since = Math.floor(toTime(from) / DAY_MS) * DAY_MS;
    const until = Math.floor(toTime(to) / DAY_MS) * DAY_MS;
    setFilters({ since: isoDay(since), until: isoDay(until) });
  };
}

function drawTimelineLegend(unit) {
  const legend = $("#timeline-legend");
  const swatch = (color) => el("i", { class: "swatch", style: `background:${color}` });
  const keys = [1, 2, 3, 4].map((q) =>
    el("span", { class: "key" }, swatch(QUADS[q].color), `${q} ${QUADS[q].name}`));
  setChildren(legend,
    el("div", { class: "keys" }, ...keys),
    el("div", { class: "keys" },
      el("span", { class: "key" }, swatch(QUADS[4].color), "asserted"),
      el("span", { class: "key" }, el("i", { class: "swatch hatched" }),
        "negated, hypothetical, future or historical"),
      unit ? el("span", { class: "muted", text: `· one bar per ${unit}` }) : null),
  );
}

/* ---------- the actor network ---------- */

// Node colours, from the actor's CAMEO country code (IGO, IMG...) or sector; first match wins.
const GROUPS = [
  {
    name: "international body",
    color: "#7b5ea7",
    test: (n) => ["IGO", "UNO", "EUR", "NGO", "ISM"].includes(n.country),
  },
  {
    name: "armed group",
    color: "#c2571a",
    test: (n) => n.country === "IMG" || ["REB", "UAF", "CRM", "PRM"].includes(n.sector),
  },
  {
    name: "military & security",
    color: "#8c2d2d",
    test: (n) => ["MIL", "COP", "SPY"].includes(n.sector),
  },
  {
    name: "government & politics",
    color: "#2f6f9f",
    test: (n) => !n.sector || ["GOV", "LEG", "JUD", "ELI", "PTY", "OPP", "PRE"].includes(n.sector),
  },
  { name: "society", color: "#4d8a4a", test: () => true },
];

function groupOf(node) {
  return GROUPS.find((g) => g.test(node));
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function layoutNetwork(nodes, edges) {
  // Fruchterman–Reingold with a pull to the centre, from a seeded start: the same graph
  // always gets the same picture.
  const n = nodes.length;
  const random = mulberry32(20230726);
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    const jitter = () => (random() - 0.5) * 0.1;
    return { x: Math.cos(angle) + jitter(), y: Math.sin(angle) + jitter() };
  });
  const links = edges
    .map((e) => [index.get(e.source), index.get(e.target), e.weight])
    .filter(([s, t]) => s !== undefined && t !== undefined);
  const k = 1.15 * Math.sqrt(4 / Math.max(1, n));
  let temperature = 0.25;
  for (let step = 0; step < 400; step++) {
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ex = pos[i].x - pos[j].x;
        const ey = pos[i].y - pos[j].y;
        const d = Math.max(0.01, Math.hypot(ex, ey));
        const f = (k * k) / d;
        dx[i] += (ex / d) * f;
        dy[i] += (ey / d) * f;
        dx[j] -= (ex / d) * f;
        dy[j] -= (ey / d) * f;
      }
    }
    for (const [s, t, w] of links) {
      const ex = pos[s].x - pos[t].x;
      const ey = pos[s].y - pos[t].y;
      const d = Math.max(0.01, Math.hypot(ex, ey));
      const f = ((d * d) / k) * 0.3 * (1 + Math.log(w) * 0.3);
      dx[s] -= (ex / d) * f;
      dy[s] -= (ey / d) * f;
      dx[t] += (ex / d) * f;
      dy[t] += (ey / d) * f;
    }
    for (let i = 0; i < n; i++) {
      const d = Math.hypot(pos[i].x, pos[i].y);
      dx[i] -= pos[i].x * d * 0.5;
      dy[i] -= pos[i].y * d * 0.5;
      const len = Math.hypot(dx[i], dy[i]);
      if (len > 0) {
        const move = Math.min(len, temperature);
        pos[i].x += (dx[i] / len) * move;
        pos[i].y += (dy[i] / len) * move;
      }
    }
    temperature = Math.max(0.002, temperature * 0.985);
  }
  return pos;
}

function nodeLabel(node) {
  const name = shortName(node);
  return name.length <= 24 ? name : `${name.slice(0, 22)}…`;
}

function drawNetwork(graph) {
  cache.graph = graph;
  const chart = $("#network");
  const width = Math.max(300, Math.round(chart.parentElement.clientWidth));
  const height = 340;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  chart.setAttribute("width", width);
  chart.setAttribute("height", height);
  setChildren(chart,
    svg("defs", {},
      svg("marker", {
        id: "arrow",
        viewBox: "0 0 10 10",
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        markerUnits: "userSpaceOnUse",
        orient: "auto",
      },
      svg("path", { d: "M0,1L9,5L0,9Z", class: "arrow-head" }))),
  );
  const { nodes, edges } = graph;
  if (nodes.length === 0) {
    chart.append(emptyChart(width, height, "No actor acts on another here."));
    drawNetworkLegend();
    return;
  }
  const pos = layoutNetwork(nodes, edges);
  const pad = { x: 40, y: 22 };
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const [xmin, xmax] = [Math.min(...xs), Math.max(...xs)];
  const [ymin, ymax] = [Math.min(...ys), Math.max(...ys)];
  const sx = (v) => pad.x + ((v - xmin) / Math.max(1e-6, xmax - xmin)) * (width - 2 * pad.x);
  const sy = (v) => pad.y + ((v - ymin) / Math.max(1e-6, ymax - ymin)) * (height - 2 * pad.y);
  const maxEvents = Math.max(1, ...nodes.map((d) => d.events));
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
  const at = new Map(nodes.map((d, i) => [d.id, {
    x: sx(pos[i].x),
    y: sy(pos[i].y),
    r: 4 + 9 * Math.sqrt(d.events / maxEvents),
    node: d,
  }]));

  const edgeLayer = svg("g", { class: "edges" });
  for (const e of edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b) continue;
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const len = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
    // Bend every edge a little to its left, so A→B and B→A do not overlap.
    const cx = mx + ((a.y - b.y) / len) * len * 0.12;
    const cy = my + ((b.x - a.x) / len) * len * 0.12;
    const tl = Math.max(1, Math.hypot(b.x - cx, b.y - cy));
    const ex = b.x - ((b.x - cx) / tl) * (b.r + 2);
    const ey = b.y - ((b.y - cy) / tl) * (b.r + 2);
    const label = `${a.node.name} → ${b.node.name}: ${plural(e.weight, "event")}`;
    edgeLayer.append(
      svg("path", {
        class: "edge",
        d: `M${f1(a.x)},${f1(a.y)}Q${f1(cx)},${f1(cy)} ${f1(ex)},${f1(ey)}`,
        "stroke-width": (0.8 + 3.2 * Math.sqrt(e.weight / maxWeight)).toFixed(2),
        "marker-end": "url(#arrow)",
        dataset: { source: e.source, target: e.target, weight: String(e.weight) },
      }, svgTitle(label)),
    );
  }
  const nodeLayer = svg("g", { class: "nodes" });
  const labelLayer = svg("g", { class: "node-labels" });
  const byWeight = [...nodes].sort((p, q) => q.events - p.events || p.id.localeCompare(q.id));
  const spots = placeLabels(
    byWeight.map((d) => ({ ...at.get(d.id), weight: d.events, text: nodeLabel(d), size: 11, gap: 3 })),
    [...at.values()].map((p) => ({ ...p, weight: p.node.events })),
    { x0: 0, x1: width, y0: 0, y1: height },
  );
  const labels = new Map(byWeight.map((d, i) => [d.id, spots[i]]));
  for (const d of nodes) {
    const p = at.get(d.id);
    const group = groupOf(d);
    const code = [d.country, d.sector].filter(Boolean).join(" ") || "?";
    const title = `${d.name} (${d.id}), ${code}: ${plural(d.events, "event")}`;
    const g = svg("g", {
      class: `node${state.filters.actor === d.id ? " selected" : ""}`,
      transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`,
      tabindex: "0",
      role: "button",
      "aria-label": title,
      dataset: { id: d.id, events: String(d.events) },
      onclick: () => setFilters({ actor: d.id }),
      onkeydown: (e) => { if (e.key === "Enter") setFilters({ actor: d.id }); },
      onpointerenter: () => focusNode(chart, d.id, true),
      onpointerleave: () => focusNode(chart, d.id, false),
    },
    svg("circle", { r: p.r.toFixed(1), fill: group.color }),
    svgTitle(`${title}\nclick to filter on this actor`));
    const spot = labels.get(d.id);
    if (spot) {
      labelLayer.append(svg("text", {
        class: "node-label",
        x: f1(spot.x),
        y: f1(spot.y),
        "text-anchor": spot.anchor,
        dataset: { id: d.id },
        text: nodeLabel(d),
      }));
    }
    nodeLayer.append(g);
  }
  // Labels go above every circle, so none is hidden by a node drawn after its own.
  chart.append(edgeLayer, nodeLayer, labelLayer);
  drawNetworkLegend();
}

function focusNode(chart, id, on) {
  chart.classList.toggle("focus", on);
  for (const edge of chart.querySelectorAll(".edge")) {
    edge.classList.toggle("hot", on && (edge.dataset.source === id || edge.dataset.target === id));
  }
  const near = new Set([id]);
  if (on) {
    for (const edge of chart.querySelectorAll(".edge.hot")) {
      near.add(edge.dataset.source);
      near.add(edge.dataset.target);
    }
  }
  for (const node of chart.querySelectorAll(".node, .node-label")) {
    node.classList.toggle("hot", on && near.has(node.dataset.id));
  }
}

function drawNetworkLegend() {
  setChildren($("#network-legend"),
    el("div", { class: "keys" },
      GROUPS.map((g) =>
        el("span", { class: "key" }, el("i", { class: "dot", style: `background:${g.color}` }), g.name)),
      el("span", { class: "muted", text: "· circle by events" })),
  );
}

/* ---------- alerts ---------- */

async function loadAlerts() {
  let page;
  try {
    page = await api("/api/alerts", { limit: ALERTS_SHOWN });
  } catch {
    return; // an older store, or the server away for a moment: the panel keeps its list
  }
  $("#alerts-count").textContent = page.total ? `(${page.total})` : "";
  const list = $("#alerts");
  if (!page.items.length) {
    setChildren(list, el("li", { class: "muted", text: "No alert has fired." }));
    return;
  }
  setChildren(list, page.items.map((alert) =>
    el("li", { class: `alert alert-${alert.kind}`, dataset: { alert: alert.id } },
      el("div", { class: "alert-head" },
        el("span", { class: "alert-kind", text: alert.kind }),
        el("strong", { text: alert.rule }),
        el("span", { class: "muted", text: ` as of ${alert.as_of}` })),
      el("p", { class: "alert-summary", text: alert.summary }),
      (alert.evidence || []).map((quote) =>
        el("button", {
          type: "button",
          class: "alert-quote",
          title: `Open this report (${quote.source || quote.article_id}, ${quote.published})`,
          onclick: () => selectEvent(quote.article_id, quote.event_id),
        }, `“${quote.text}”`)),
    )));
}

/* ---------- the article and its story ---------- */

async function selectEvent(articleId, eventId) {
  state.article = articleId;
  state.event = eventId;
  writeUrl(false);
  markSelectedRow();
  await openArticle();
}

function closeArticle() {
  state.article = null;
  state.event = null;
  writeUrl(false);
  markSelectedRow();
  $("#article").hidden = true;
  $("#story").hidden = true;
  $("#article-empty").hidden = false;
  $("#close-article").hidden = true;
}

async function openArticle() {
  const ticket = ++articleTicket;
  const articleId = state.article;
  const eventId = state.event;
  if (!articleId) return;
  try {
    let data = cache.article;
    if (!data || data.record.article.id !== articleId) {
      data = await api(`/api/articles/${encodeURIComponent(articleId)}`);
      cache.article = data;
    }
    if (ticket !== articleTicket) return;
    drawArticle(data, eventId);
    const storyId = data.stories[eventId];
    const story = $("#story");
    if (storyId) {
      const found = await api(`/api/stories/${encodeURIComponent(storyId)}`);
      if (ticket !== articleTicket) return;
      drawStory(found, eventId);
    } else {
      story.hidden = true;
      setChildren(story);
    }
  } catch (error) {
    if (ticket === articleTicket) showStatus(`Could not open the article: ${error.message}`);
  }
}

function drawArticle(data, eventId) {
  const { record } = data;
  const article = record.article;
  const event = record.events.find((e) => e.id === eventId) || null;
  const box = $("#article");
  if (box.dataset.articleId !== article.id) $(".reader-body").scrollTop = 0; // a new article
  box.dataset.articleId = article.id;
  const text = el("div", { class: "article-text", id: "article-text" });
  renderHighlights(text, record, event);
  text.addEventListener("click", (e) => {
    const mark = e.target.closest("mark.trigger[data-event-id]");
    if (mark) selectEvent(article.id, mark.dataset.eventId);
  });
  setChildren(box,
    el("h3", { class: "article-title", text: article.title || "Untitled article" }),
    el("p", { class: "meta" },
      el("span", { text: article.source || "unnamed source" }), " · ",
      el("time", { datetime: article.published, text: article.published }), " · ",
      el("code", { text: article.id })),
    // The article's address is shown as text, never as a link: the desk stays offline.
    article.url ? el("p", { class: "meta url", text: article.url }) : null,
    event ? eventCard(event) : el("p", { class: "muted", text: "That event is not in this article." }),
    el("div", { class: "marks-legend" },
      el("span", { class: "sample s-evidence", text: "evidence" }),
      el("span", { class: "sample s-trigger", text: "event trigger" }),
      el("span", { class: "sample s-entity", text: "entity" }),
      el("span", { class: "sample s-place", text: "place" }),
      el("span", { class: "sample s-timex", text: "time" })),
    text,
  );
  box.hidden = false;
  $("#article-empty").hidden = true;
  $("#close-article").hidden = false;
  const evidence = text.querySelector("mark.evidence");
  if (evidence) text.scrollTop = Math.max(0, evidence.offsetTop - text.clientHeight / 3);
}

function fact(name, value) {
  const dd = value instanceof Node ? el("dd", {}, value) : el("dd", { text: value });
  return el("div", {}, el("dt", { text: name }), dd);
}

function eventCard(event) {
  const date = event.date || {};
  const when = el("span", {
    title: dateTitle(date),
    text: `${formatDate(date)} (${date.precision || "unknown"}, from ${date.source || "?"})`,
  });
  const confidence = event.confidence == null ? "" : ` confidence ${event.confidence.toFixed(2)}`;
  const kind = el("span", {}, typeChip(event.type, event.quad_class, event.mode), " ",
    factualityBadge(event.factuality), el("span", { class: "muted small", text: confidence }));
  return el("dl", { class: "event-card" },
    fact("event", kind),
    fact("who", `${partyNames(event.actors)} → ${partyNames(event.recipients)}`),
    fact("when", when),
    fact("where", placeCell(event.location)),
    event.attribution ? fact("says who", event.attribution.text) : null,
  );
}

const LAYERS = ["entity", "place", "timex", "trigger"];

function articleSpans(record, event) {
  const spans = [];
  for (const e of record.entities || []) {
    const who = e.actor ? ` · ${e.actor.name} (${e.actor.id})` : "";
    spans.push({ start: e.start, end: e.end, kind: "entity", title: `${e.label}${who}` });
  }
  for (const p of record.places || []) {
    const country = p.country ? `, ${p.country}` : "";
    spans.push({ start: p.start, end: p.end, kind: "place", title: `${p.name}${country}: ${p.precision}` });
  }
  for (const t of record.timexes || []) {
    spans.push({ start: t.start, end: t.end, kind: "timex", title: `${t.type} ${t.value}` });
  }
  for (const ev of record.events || []) {
    if (!ev.trigger) continue;
    spans.push({
      start: ev.trigger.start,
      end: ev.trigger.end,
      kind: "trigger",
      title: `${ev.type} · ${ev.factuality} · click to select this event`,
      eventId: ev.id,
      current: event !== null && ev.id === event.id,
    });
  }
  return spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end);
}

function renderHighlights(container, record, event) {
  const chars = codePoints(record.article.text);
  const spans = articleSpans(record, event);
  const sentence = event?.sentence;
  const valid = sentence && sentence.start >= 0 && sentence.end <= chars.length;
  if (valid && sentence.start < sentence.end) {
    // The evidence is one element around its whole sentence; the other marks nest inside.
    renderRange(container, chars, spans, 0, sentence.start);
    const evidence = el("mark", { class: "evidence", title: "the evidence for the selected event" });
    renderRange(evidence, chars, spans, sentence.start, sentence.end);
    container.append(evidence);
    renderRange(container, chars, spans, sentence.end, chars.length);
  } else {
    renderRange(container, chars, spans, 0, chars.length);
  }
}

function renderRange(parent, chars, spans, from, to) {
  // Spans may overlap (an entity that is also a place); build a tree where a span that
  // crosses the end of an open one is cut in two, then write it out.
  const pending = spans
    .map((s) => ({ ...s, start: Math.max(from, s.start), end: Math.min(to, s.end) }))
    .filter((s) => s.start < s.end)
    .sort(spanOrder);
  const root = { start: from, end: to, children: [] };
  const stack = [root];
  while (pending.length) {
    const span = { ...pending.shift(), children: [] };
    while (stack.length > 1 && stack[stack.length - 1].end <= span.start) stack.pop();
    const top = stack[stack.length - 1];
    if (span.end > top.end) {
      const rest = { ...span, start: top.end, children: [] };
      span.end = top.end;
      const at = pending.findIndex((s) => spanOrder(rest, s) < 0);
      pending.splice(at === -1 ? pending.length : at, 0, rest);
    }
    top.children.push(span);
    stack.push(span);
  }
  writeNode(parent, root, chars);
}

function spanOrder(a, b) {
  return a.start - b.start || b.end - a.end || LAYERS.indexOf(a.kind) - LAYERS.indexOf(b.kind);
}

function writeNode(parent, node, chars) {
  let at = node.start;
  for (const child of node.children) {
    if (child.start > at) parent.append(chars.slice(at, child.start).join(""));
    const mark = el("mark", {
      class: `${child.kind}${child.current ? " current" : ""}`,
      title: child.title,
      dataset: child.eventId ? { eventId: child.eventId } : {},
    });
    writeNode(mark, child, chars);
    parent.append(mark);
    at = child.end;
  }
  if (node.end > at) parent.append(chars.slice(at, node.end).join(""));
}

function drawStory(story, eventId) {
  const box = $("#story");
  const counts = Object.entries(story.factualities || {}).map(([f, n]) => `${n} ${f}`).join(", ");
  const mentions = el("table", { class: "mentions" },
    el("thead", {}, el("tr", {}, ["published", "source", "says", ""].map((text) => el("th", { text })))),
    el("tbody", {}, ...(story.mentions || []).map((m) => {
      const row = el("tr", {
        class: m.event_id === eventId ? "current" : "",
        tabindex: "0",
        title: "Open this report",
        dataset: { articleId: m.article_id, eventId: m.event_id },
        onclick: () => selectEvent(m.article_id, m.event_id),
        onkeydown: (e) => { if (e.key === "Enter") selectEvent(m.article_id, m.event_id); },
      },
      el("td", { class: "nowrap", text: m.published }),
      el("td", { text: m.source || m.article_id }),
      el("td", {}, m.factuality ? factualityBadge(m.factuality) : ""),
      el("td", { class: "muted small" },
        m.re_mention ? "re-mention" : "",
        m.duplicate_of ? ` copy of ${m.duplicate_of}` : ""));
      return row;
    })),
  );
  const contradictions = (story.contradictions || []).map((c) =>
    el("section", { class: "contradiction" },
      el("h4", {}, "Reports disagree on ", el("em", { text: c.field })),
      el("p", { class: "values" }, (c.values || []).map((v) => el("span", { class: "value", text: String(v) }))),
      ...(c.quotes || []).map((q) =>
        el("blockquote", { class: "quote" },
          el("p", { text: q.text }),
          el("footer", {},
            el("span", { class: "value", text: String(q.value) }),
            ` ${q.source || "unnamed source"}, ${q.published}`)))));
  setChildren(box,
    el("h3", {}, "Story ", el("code", { text: story.id })),
    el("dl", { class: "story-facts" },
      fact("event", el("span", {},
        typeChip(story.type, null, null), " ", factualityBadge(story.factuality),
        counts ? el("span", { class: "muted small", text: ` (${counts})` }) : null)),
      fact("first reported", story.first_reported || "—"),
      fact(plural((story.sources || []).length, "independent source"),
        el("span", {}, (story.sources || []).map((s) => el("span", { class: "source", text: s })))),
    ),
    el("h4", { text: `${plural((story.mentions || []).length, "report")} of this event` }),
    mentions,
    contradictions.length
      ? contradictions
      : el("p", { class: "muted small", text: "The reports do not contradict each other." }),
  );
  box.hidden = false;
}

/* ---------- wiring ---------- */

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function applyForm() {
  const filters = formFilters();
  if (filters.country && !/^[A-Z]{3}$/.test(filters.country)) {
    showStatus("Country takes a three-letter ISO code, such as NER.", "hint");
    return;
  }
  const same = FILTERS.every((k) => (filters[k] || "") === (state.filters[k] || ""));
  if (same) return;
  state.filters = filters;
  state.page = 1;
  state.place = null;
  writeUrl(true);
  refresh();
}

function start() {
  readUrl();
  fillForm();
  const form = $("#filters");
  const typed = debounce(applyForm, 400);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    applyForm();
  });
  form.addEventListener("change", (e) => {
    if (e.target.matches("select, input[type=date]")) applyForm();
  });
  form.addEventListener("input", (e) => {
    if (e.target.matches("input[type=search], input[name=actor], input[name=country]")) typed();
  });
  $("#clear-filters").addEventListener("click", () => {
    for (const key of FILTERS) form.elements[key].value = "";
    applyForm();
  });
  $("#close-article").addEventListener("click", closeArticle);
  window.addEventListener("popstate", () => {
    readUrl();
    fillForm();
    refresh();
    if (state.article) openArticle();
    else closeArticle();
  });
  const redraw = debounce(() => {
    if (cache.timeline) drawTimeline(cache.timeline);
    if (cache.graph) drawNetwork(cache.graph);
  }, 150);
  let lastWidth = window.innerWidth;
  window.addEventListener("resize", () => {
    if (window.innerWidth !== lastWidth) {
      lastWidth = window.innerWidth;
      redraw();
    }
  });
  loadAtStart();
  refresh();
  watchForBatches();
  if (state.article) openArticle();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
