// Idle lock for shared tablets (WCAG 2.2.1: warn, and let one action extend). Activity is noted here in the browser,
// with no round trip per touch or key; the server hears only a keep-alive now and then while someone is working,
// which renews the staff cookie (whose lifetime equals the idle time). The lock itself is a plain form post, so it
// still happens if the circuit has dropped.
(() => {
    const activity = ['pointerdown', 'keydown', 'scroll', 'wheel', 'touchstart'];
    let current = null;
    // Set once this tab's own sign-out or lock form is on its way. Ending a sign-in also ends it on this tab's live
    // screen, which would send the tab to the sign-in page too: that second navigation must not cancel the post (and
    // with it the Clear-Site-Data that wipes drafts), so the screen asks here first (RedirectToLogin).
    let leaving = false;
    document.addEventListener('submit', e => {
        if (e.target instanceof HTMLFormElement && e.target.hasAttribute('data-ends-sign-in')) {
            leaving = true;
        }
    }, true);

    function start(dotnet, idleMs, warningMs) {
        stop();
        const form = document.getElementById('idle-lock-form');
        if (!form) {
            return;
        }

        const now = Date.now();
        const s = {
            dotnet, idleMs, warningMs, form,
            lastActivity: now,
            lastRenewal: now,
            warned: false,
            renewing: false,
            // Renewing at most this often keeps the server quiet; the lock may come up to this much early as a result.
            renewEvery: Math.min(30000, idleMs / 4),
            // Lock a little before the cookie can expire, so the lock post still signs out rather than finding nobody.
            margin: Math.min(5000, idleMs / 10),
        };
        // While the warning shows, only its button extends: a stray touch should not silently dismiss it.
        s.onActivity = () => { if (!s.warned) { s.lastActivity = Date.now(); } };
        activity.forEach(type => window.addEventListener(type, s.onActivity, { capture: true, passive: true }));
        s.timer = setInterval(() => tick(s), 500);
        current = s;
        // The page may have loaded on a cookie issued long ago; start the count from a fresh one.
        renew(s);
    }

    function stop() {
        if (current) {
            clearInterval(current.timer);
            activity.forEach(type => window.removeEventListener(type, current.onActivity, { capture: true }));
            current = null;
        }
    }

    function tick(s) {
        const now = Date.now();
        if (!s.warned && s.lastActivity > s.lastRenewal && now - s.lastRenewal >= s.renewEvery) {
            renew(s);
        }

        // Date.now, not performance.now: a tablet that slept past the deadline must lock the moment it wakes.
        const deadline = Math.min(s.lastActivity + s.idleMs, s.lastRenewal + s.idleMs - s.margin);
        // While a keep-alive is on its way (just after "Stay signed in", say) the deadline still reads the old cookie:
        // neither warn again nor lock on that account, unless the cookie itself has run out.
        const awaitingRenewal = s.renewing && now < s.lastRenewal + s.idleMs;
        if (now >= deadline && !awaitingRenewal) {
            lock(s);
        } else if (!s.warned && !awaitingRenewal && deadline - now <= s.warningMs) {
            s.warned = true;
            s.dotnet.invokeMethodAsync('ShowWarning').catch(() => { /* circuit gone: the lock still comes */ });
        }
    }

    async function renew(s) {
        if (s.renewing) {
            return;
        }

        s.renewing = true;
        const sent = Date.now();
        try {
            const token = s.form.querySelector('input[name="__RequestVerificationToken"]');
            const response = await fetch(s.form.dataset.keepAlive, {
                method: 'POST',
                headers: { 'RequestVerificationToken': token ? token.value : '' },
                credentials: 'same-origin',
                redirect: 'manual',
                cache: 'no-store',
            });
            if (response.status === 204) {
                s.lastRenewal = sent;
            } else if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 400) {
                // Signed out elsewhere, disabled, or expired: nothing left to keep alive.
                lock(s);
            }
        } catch {
            // Offline for a moment: the next activity tries again.
        } finally {
            s.renewing = false;
        }
    }

    function lock(s) {
        stop();
        // form.submit() fires no submit event.
        leaving = true;
        s.form.querySelector('input[name="returnUrl"]').value = location.pathname + location.search;
        s.form.submit();
    }

    window.dropInIdle = {
        start,
        stop,
        leaving: () => leaving,
        stay() {
            if (current) {
                current.warned = false;
                current.lastActivity = Date.now();
                renew(current);
            }
        },
        focusWarning() {
            const button = document.getElementById('idle-stay');
            if (button) {
                button.focus();
            }
        },
    };
})();
