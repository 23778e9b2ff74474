/// A team's page: HTML, CSS and JS served by the process itself (no CDN, no external fonts
/// or scripts, so it works with no internet). The page asks for its state, listens for
/// server-sent events and posts orders; all text is set with `textContent`, never parsed
/// as HTML, so a briefing or a timeline entry cannot inject markup.
enum TeamPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Exercise</title>
        <link rel="stylesheet" href="/assets/team.css">
        <script src="/assets/team.js" defer></script>
        </head>
        <body>
        <header>
        <h1 id="title">Loading…</h1>
        <p id="status" role="status"></p>
        <p id="connection" class="muted">Connecting…</p>
        </header>
        <main>
        <section id="situation-box">
        <h2 id="turn-line"></h2>
        <ul id="situation"></ul>
        </section>
        <section id="order-box">
        <h2>Your order</h2>
        <p id="own-order"></p>
        <form id="order-form" autocomplete="off">
        <label for="order">Order</label>
        <input id="order" name="order" maxlength="200" placeholder="e.g. hold">
        <button id="send" type="submit">Give the order</button>
        </form>
        <p id="order-result" role="status" aria-live="polite"></p>
        <p>You may order: <span id="may-order"></span></p>
        <ul id="order-forms" class="muted"></ul>
        </section>
        <section>
        <h2>Briefing</h2>
        <p id="briefing"></p>
        <h3>Your team</h3>
        <p id="public-briefing"></p>
        <p id="private-briefing" class="private"></p>
        <h3>The other teams</h3>
        <ul id="others"></ul>
        </section>
        <section>
        <h2>Timeline</h2>
        <ol id="timeline"></ol>
        </section>
        </main>
        </body>
        </html>

        """

    static let css = """
        :root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fbfbf8; --muted: #666; --line: #ccc; --ok: #17612b; --bad: #a1160a; }
        @media (prefers-color-scheme: dark) { :root { --fg: #eee; --bg: #161616; --muted: #aaa; --line: #444; --ok: #7fd48f; --bad: #ff8a7a; } }
        body { font: 1.05rem/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 48rem; padding: 1rem; }
        h1 { font-size: 1.5rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
        h3 { font-size: 1rem; margin-bottom: .2rem; }
        .muted { color: var(--muted); font-size: .9rem; margin: 0; }
        #status { font-weight: 600; margin: .2rem 0; }
        .private { border-left: 3px solid var(--muted); padding-left: .6rem; }
        form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
        input { font: inherit; padding: .3rem .5rem; flex: 1 1 12rem; }
        button { font: inherit; padding: .3rem .8rem; cursor: pointer; }
        #may-order button { margin: 0 .3rem .3rem 0; padding: .1rem .5rem; }
        .ok { color: var(--ok); }
        .refused { color: var(--bad); }
        #timeline li { margin-bottom: .2rem; }
        .kind { color: var(--muted); font-size: .85rem; }

        """

    static let js = #"""
        "use strict";
        // The team's secret is in this page's address; every request goes back to it.
        const base = location.pathname.replace(/\/+$/, "");
        let state = null;

        function el(id) { return document.getElementById(id); }
        function setText(id, text) { el(id).textContent = text; }
        function fill(id, items, make) {
          const list = el(id);
          list.replaceChildren(...items.map(make));
        }
        function li(text) { const e = document.createElement("li"); e.textContent = text; return e; }

        function render(s) {
          state = s;
          document.title = s.exercise + " — team " + s.team;
          setText("title", s.exercise + " — team " + s.team + " (" + s.side + ")");
          setText("status", s.status);
          setText("turn-line", "Turn " + s.turn + " of " + s.turnLimit + " — rung " + s.rung + " " + s.rungName);
          fill("situation", s.situation, li);
          setText("own-order", (s.order
            ? "Your order this turn: " + s.order + " (a new order replaces it)."
            : "You have not ordered this turn; without an order the doctrine decides for " + s.side + ".")
            + (s.policyOrders.length ? " Your policy orders: " + s.policyOrders.join("; ") + " (clear withdraws them)." : ""));
          el("send").disabled = !s.ordersOpen;
          el("order").disabled = !s.ordersOpen;
          fill("may-order", s.mayOrder, function (m) {
            const b = document.createElement("button");
            b.type = "button";
            b.textContent = m;
            b.addEventListener("click", function () {
              const input = el("order");
              input.value = m;
              input.focus();
            });
            return b;
          });
          fill("order-forms", s.orderForms, li);
          setText("briefing", s.briefing);
          setText("public-briefing", "Public: " + s.publicBriefing);
          setText("private-briefing", "Private (only your team reads this): " + s.privateBriefing);
          fill("others", s.others, function (o) { return li(o.team + ": " + o.briefing); });
          fill("timeline", s.timeline.length ? s.timeline : [{ turn: "", kind: "", text: "Nothing yet." }], function (t) {
            const e = document.createElement("li");
            if (t.kind) {
              const k = document.createElement("span");
              k.className = "kind";
              k.textContent = "turn " + t.turn + " [" + t.kind + "] ";
              e.appendChild(k);
            }
            e.appendChild(document.createTextNode(t.text));
            return e;
          });
        }

        async function load() {
          try {
            const r = await fetch(base + "/state", { cache: "no-store" });
            if (r.ok) { render(await r.json()); } else { setText("status", (await r.text()).trim()); }
          } catch (e) {
            setText("connection", "The server does not answer: retrying…");
          }
        }

        function listen() {
          const events = new EventSource(base + "/events");
          events.addEventListener("state", function (ev) {
            render(JSON.parse(ev.data));
            setText("connection", "Live: this page updates by itself when the turn resolves.");
          });
          // EventSource reconnects by itself after a network error (the server asks for
          // 2 s), but gives up on a refusal (too many pages open): then try again later.
          events.onerror = function () {
            setText("connection", "Connection lost: reconnecting…");
            if (events.readyState === EventSource.CLOSED) {
              events.close();
              setTimeout(function () { load(); listen(); }, 5000);
            }
          };
        }

        el("order-form").addEventListener("submit", async function (ev) {
          ev.preventDefault();
          if (!state) { return; }
          const input = el("order");
          const body = new URLSearchParams({ turn: String(state.turn), order: input.value });
          const result = el("order-result");
          try {
            const r = await fetch(base + "/order", { method: "POST", body: body });
            result.textContent = (await r.text()).trim();
            result.className = r.ok ? "ok" : "refused";
            if (r.ok) { input.value = ""; }
          } catch (e) {
            result.textContent = "The order did not reach the server: try again.";
            result.className = "refused";
          }
        });

        load();
        listen();

        """#

    /// The files under `/assets/`, by name: content type and text.
    static let assets: [String: (type: String, body: String)] = [
        "team.css": ("text/css; charset=utf-8", css),
        "team.js": ("text/javascript; charset=utf-8", js),
    ]
}
