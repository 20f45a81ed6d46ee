// A student's private queue page: when board.js swaps in a new panel, alert on the moments that matter, "nearly your
// turn" and "you're called": the banner is in the panel itself; here the sound, the vibration and, if the student
// allowed it, a notification, each once per moment. Everything works without this script except the alerts.
(function () {
    const status = document.getElementById("queue-status");
    if (!status) return;
    const stageOf = () => status.querySelector("[data-stage]")?.dataset.stage;
    let last = stageOf();

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
        const stage = stageOf();
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
