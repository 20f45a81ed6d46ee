// The waiting-room board and a student's private queue page: the display hub says "the queue changed" with the
// session's positions (ticket numbers, waits, rooms); the page fetches its panel (data-live) and swaps it in, then
// says so with a "live-updated" event. A page may first look at the positions itself (window.dropInLive.positions,
// set by queue-status.js) and skip the fetch when nothing it shows changed stage. On reconnect it fetches again, so a
// dropped connection heals.
(function () {
    const board = document.querySelector("[data-live]");
    if (!board) return;
    const livePath = board.dataset.live;
    let pending = null;

    async function refresh() {
        if (pending) return pending;
        pending = (async () => {
            try {
                const response = await fetch(livePath, { cache: "no-store" });
                if (response.ok) {
                    board.innerHTML = await response.text();
                    board.dataset.updated = String(Date.now());
                    board.dispatchEvent(new CustomEvent("live-updated"));
                }
            } finally {
                pending = null;
            }
        })();
        return pending;
    }

    const connection = new signalR.HubConnectionBuilder()
        .withUrl("/hubs/display")
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(10000, 500 * (ctx.previousRetryCount + 1)) })
        .build();
    window.dropInLive = window.dropInLive || {};
    window.dropInLive.refresh = refresh;
    connection.on("queueChanged", (sessionId, positions) => {
        const handled = positions && window.dropInLive.positions && window.dropInLive.positions(sessionId, positions);
        if (!handled) refresh();
    });
    connection.onreconnected(refresh);
    connection.onclose(() => setTimeout(start, 5000));

    async function start() {
        try {
            await connection.start();
            board.dataset.connected = "true";
            await refresh();
        } catch {
            setTimeout(start, 5000);
        }
    }

    // Estimates move with the clock even when nothing else changes.
    setInterval(refresh, 60000);
    start();
})();
