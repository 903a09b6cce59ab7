// The phone's side of PROTOCOL.md. Deck and player text is only ever set with textContent.
"use strict";
const boot = JSON.parse(document.getElementById("boot").textContent);
const app = document.getElementById("app");
const status = document.getElementById("status");
let words = boot.words;
let socket = null;
let view = null;
let retry = null;
const key = "the-unknown-player-" + (boot.room || "").toUpperCase();
let player = sessionStorage.getItem(key);
let form = { room: boot.room || "", name: "", team: "", language: boot.language };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}
const say = (name) => words[name] || name;
// replaceChildren takes nodes and strings only: flatten the lists and leave out the empty parts.
const show = (...parts) => app.replaceChildren(...parts.flat(Infinity).filter((p) => p !== null && p !== undefined));

function setLanguage(code, dir) {
  document.documentElement.lang = code;
  document.documentElement.dir = dir;
}

function connect() {
  clearTimeout(retry);
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  socket = new WebSocket(scheme + location.host + "/ws");
  socket.onopen = () => {
    status.textContent = "";
    const join = { type: "join", room: form.room, name: form.name, language: form.language };
    if (form.team !== "") join.team = Number(form.team);
    if (player) join.player = player;
    socket.send(JSON.stringify(join));
  };
  socket.onmessage = (event) => receive(JSON.parse(event.data));
  socket.onclose = () => {
    socket = null;
    if (player) { status.textContent = say("offline"); retry = setTimeout(connect, 2000); }
  };
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function receive(message) {
  if (message.type === "welcome") {
    player = message.player;
    sessionStorage.setItem(key, player);
  } else if (message.type === "view") {
    view = message;
    words = message.words;
    form.language = message.language;
    render();
  } else if (message.type === "error" || message.type === "removed") {
    const reason = message.type === "removed" ? "removed" : message.reason;
    if (reason !== "wrong_room") { player = null; sessionStorage.removeItem(key); }
    view = null;
    renderJoin(say(reason));
  }
}

function languagePicker(onchange) {
  return el("select", { id: "language", "aria-label": say("language"), onchange },
    boot.languages.map((l) => el("option", { value: l.code, selected: l.code === form.language ? "" : null, dir: l.dir }, l.name)));
}

function renderJoin(problem) {
  setLanguage(boot.language, document.documentElement.dir);
  const teams = (view && view.teams) || boot.teams || [];
  show(
    el("h1", {}, say("join_heading")),
    problem ? el("p", { class: "note", role: "alert" }, problem) : null,
    el("label", { for: "room" }, say("room")),
    el("input", { id: "room", value: form.room, autocomplete: "off", maxlength: "8", autocapitalize: "characters",
                  oninput: (e) => { form.room = e.target.value; } }),
    el("label", { for: "name" }, say("name")),
    el("input", { id: "name", value: form.name, maxlength: "24", autocomplete: "off", oninput: (e) => { form.name = e.target.value; } }),
    teams.length ? [el("label", { for: "team" }, say("team")),
      el("select", { id: "team", onchange: (e) => { form.team = e.target.value; } },
        el("option", { value: "" }, say("any_team")),
        teams.map((t, i) => el("option", { value: String(i), selected: String(i) === form.team ? "" : null }, t)))] : null,
    el("label", { for: "language" }, say("language")),
    languagePicker((e) => { form.language = e.target.value; }),
    el("button", { id: "join", class: "primary", onclick: () => { if (socket) socket.close(); connect(); } }, say("join")),
  );
}

function choice(option, pressed, onclick, disabled) {
  return el("button", { class: "choice", "data-value": option.value, "aria-pressed": pressed ? "true" : "false",
                        disabled: disabled ? "" : null, onclick }, say(option.label));
}

function renderAsk() {
  if (!view.ask) return null;
  const open = view.open;
  const heading = { categories: "categories_ask", fact: "fact_ask", guess: "guess_ask", speak: null }[view.ask];
  let buttons;
  if (view.ask === "categories") {
    const chosen = new Set(view.vote || []);
    buttons = view.options.map((o) => choice(o, chosen.has(o.value), () => {
      chosen.has(o.value) ? chosen.delete(o.value) : chosen.add(o.value);
      send({ type: "vote", choice: [...chosen] });
    }, !open));
  } else {
    buttons = view.options.map((o) => choice(o, view.vote === o.value, () => {
      send({ type: "vote", choice: view.ask === "speak" && view.vote === o.value ? "" : o.value });
    }, !open));
  }
  let note = "wait";
  if (view.vote && open) note = "sent";
  else if (!open) note = view.vote ? "closed" : "late";
  return [heading ? el("h2", {}, say(heading)) : null, buttons, view.ask !== "speak" ? el("p", { class: "note", id: "note" }, say(note)) : null];
}

function render() {
  setLanguage(view.language, view.dir);
  const top = el("div", { class: "top" },
    el("span", {}, view.lobby || view.finished ? say("title") :
      say("card").replace("{number}", view.card).replace("{total}", view.cards)),
    languagePicker((e) => { form.language = e.target.value; send({ type: "language", language: e.target.value }); }));
  const me = view.me || {};
  if (view.lobby) return show(top, el("p", { class: "name" }, me.name || ""),
    me.team !== null && me.team !== undefined ? el("p", {}, say("team") + ": " + view.teams[me.team]) : null,
    el("p", { id: "lobby" }, say("lobby")));
  if (view.finished) return show(top, el("p", { id: "ended" }, say("ended")));
  const max = Math.max(1, ...(view.distribution || []).map((d) => d.count));
  show(top,
    view.name ? el("p", { class: "name", id: "name" }, view.name) : null,
    view.known_for ? el("p", { class: "known" }, view.known_for) : null,
    view.clues ? el("ol", { id: "clues" }, view.clues.map((c) => el("li", {}, c))) : null,
    view.statement ? el("p", { class: "name", id: "statement" }, view.statement) : null,
    view.answer ? el("p", { id: "answer" }, el("strong", {}, say(view.answer)), " — ", view.explanation) : null,
    renderAsk(),
    view.categories ? el("p", { class: "chips", id: "categories" }, view.categories.map((c) => el("span", {}, c))) : null,
    view.distribution ? [el("h2", {}, say("answers")), el("div", { id: "distribution" }, view.distribution.map((d) =>
      el("div", { class: "bar" }, el("span", {}, say(d.label)), el("b", {}, String(d.count)),
         el("i", { "data-share": String(d.count / max) }))))] : null,
    view.story ? [el("h2", {}, say("story")), el("p", { id: "story" }, view.story)] : null,
    view.question ? [el("h2", {}, say("question")), el("p", { class: "name", id: "question" }, view.question)] : null,
  );
  for (const bar of app.querySelectorAll("#distribution i")) bar.style.width = (100 * Number(bar.dataset.share)) + "%";
}

if (player) connect(); else renderJoin();
// A phone that wakes from sleep reconnects at once instead of waiting for the next retry.
document.addEventListener("visibilitychange", () => {
  if (!document.hidden && player && (!socket || socket.readyState > WebSocket.OPEN)) connect();
});
