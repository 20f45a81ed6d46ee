// Half-written case notes survive a dropped connection or a reload. Every keystroke in a field marked
// data-draft-key is copied to this tab's sessionStorage by the browser itself, so it works even while the
// server connection is down; the page reads the draft back when it (re)connects and when it saves.
// sessionStorage, not localStorage: the draft never outlives the tab on a shared tablet.
(() => {
    document.addEventListener('input', event => {
        const holder = event.target.closest && event.target.closest('[data-draft-key]');
        const key = holder && holder.getAttribute('data-draft-key');
        if (key && 'value' in event.target) {
            if (event.target.value) {
                sessionStorage.setItem(key, event.target.value);
            } else {
                sessionStorage.removeItem(key);
            }
        }
    }, true);

    window.dropInDrafts = {
        read: key => sessionStorage.getItem(key),
        forget: key => sessionStorage.removeItem(key),
    };
})();
