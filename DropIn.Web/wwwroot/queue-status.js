// A student's private queue page. Each "queue changed" carries the session's positions (board.js hands them here):
// while this ticket stays at the same stage, its place and wait are updated in place, with no request to the server;
// when its stage changes (nearly your turn, called, gone from the queue) board.js fetches the panel. On the two moments
// that matter it alerts once each: the banner is in the panel itself; here the sound, the vibration and, if the
// student allowed it, a notification. Everything but the alerts and the in-place numbers works without this script.
(function () {
    const status = document.getElementById("queue-status");
    if (!status) return;
    const panel = () => status.querySelector("[data-stage]");
    let last = panel()?.dataset.stage;

    // The same words as StatusPanel.razor.
    const placeText = ahead => ahead === 0 ? "You are next." : ahead === 1 ? "1 person is ahead of you." : `${ahead} people are ahead of you.`;
    const waitText = minutes => `Estimated wait: ${minutes === 0 ? "a few minutes" : `about ${minutes} minutes`}.`;

    window.dropInLive = window.dropInLive || {};
    window.dropInLive.positions = (sessionId, positions) => {
        const current = panel();
        const code = current?.dataset.code;
        if (!code || current.dataset.session !== sessionId) return false;
        const notice = current.querySelector("[data-notice]");
        notice.textContent = positions.notice || "";
        notice.hidden = !positions.notice;
        const nearlyAhead = Number(current.dataset.nearlyAhead);
        const ahead = positions.waiting.findIndex(w => w.code === code);
        const stage = positions.calling.some(c => c.code === code) ? "called"
            : ahead < 0 ? "other"
            : ahead <= nearlyAhead ? "nearly" : "waiting";
        if (stage !== current.dataset.stage) return false;
        if (ahead >= 0) {
            current.querySelector("[data-place]").textContent = placeText(ahead);
            current.querySelector("[data-wait]").textContent = waitText(positions.waiting[ahead].waitMinutes);
            status.dataset.updated = String(Date.now());
        }
        return true;
    };

    function beep() {
        try {
            const audio = new (window.AudioContext || window.webkitAudioContext)();
            const tone = audio.createOscillator();
            tone.frequency.value = 880;
            tone.connect(audio.destination);
            tone.start();
            tone.stop(audio.currentTime + 0.4);
        } catch { /* no sound on this phone */ }
    }

    function alertStudent(text) {
        beep();
        if (navigator.vibrate) navigator.vibrate([300, 150, 300]);
        if ("Notification" in window && Notification.permission === "granted") {
            try { new Notification("Student Advice Service", { body: text }); } catch { /* some phones allow notifications only from a service worker */ }
        }
        status.dataset.alerted = (Number(status.dataset.alerted || 0) + 1).toString();
    }

    status.addEventListener("live-updated", () => {
        const stage = panel()?.dataset.stage;
        if (stage !== last && (stage === "nearly" || stage === "called")) {
            alertStudent(status.querySelector("[role=alert]")?.textContent?.trim() || "The queue has moved.");
        }
        last = stage;
    });

    // Offered only where the phone can show notifications and the student has not decided yet.
    if ("Notification" in window && Notification.permission === "default") {
        const offer = document.createElement("button");
        offer.type = "button";
        offer.className = "queue-notify";
        offer.textContent = "Alert me on this phone when it is nearly my turn";
        offer.addEventListener("click", async () => {
            await Notification.requestPermission();
            offer.remove();
        });
        status.after(offer);
    }
})();
