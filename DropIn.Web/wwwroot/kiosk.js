// The reception kiosk clears itself after data-idle-seconds without a touch or key (30 by default), so the next
// student never sees what the last one typed or their ticket's private link. A screen with nothing on it (an empty
// form) has nothing to clear and is left alone. For the last 20 seconds it says so and offers more time (WCAG 2.2.1).
(() => {
    const kiosk = document.querySelector(".kiosk[data-idle-seconds]");
    const panel = document.getElementById("kiosk-idle");
    if (!kiosk || !panel) return;
    const idleMs = Number(kiosk.dataset.idleSeconds) * 1000;
    const warnMs = Math.min(20000, idleMs);
    const seconds = document.getElementById("kiosk-idle-seconds");
    let last = Date.now();

    const busy = () => { last = Date.now(); panel.hidden = true; };
    for (const type of ["pointerdown", "keydown", "input", "touchstart", "scroll"]) {
        document.addEventListener(type, busy, { capture: true, passive: true });
    }
    document.getElementById("kiosk-idle-more")?.addEventListener("click", busy);

    const somethingShown = () => document.querySelector("[data-kiosk-clear]") !== null
        || [...document.querySelectorAll(".kiosk-main input:not([type=hidden]):not([type=checkbox])")].some(i => i.value !== "")
        || [...document.querySelectorAll(".kiosk-main input[type=checkbox]")].some(i => i.checked);

    setInterval(() => {
        if (!somethingShown()) { last = Date.now(); panel.hidden = true; return; }
        const left = idleMs - (Date.now() - last);
        if (left <= 0) { location.replace(location.pathname); return; }
        if (left <= warnMs) {
            seconds.textContent = String(Math.ceil(left / 1000));
            panel.hidden = false;
        }
    }, 500);
})();
