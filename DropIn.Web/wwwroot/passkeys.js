// Passkeys on the static account pages (sign-in, "Your sign-in"). A form marked data-passkey="create" or "request"
// first asks the server for WebAuthn options (data-passkey-options), lets the device make or use a passkey, puts the
// browser's answer (or why there is none) into the form's hidden fields and then posts the form as usual: the server
// checks everything and shows the outcome on the page, so there is one place for messages.
(() => {
    const supported = () =>
        typeof window.PublicKeyCredential === 'function' &&
        typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
        typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

    async function optionsFor(form) {
        const token = form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
        const response = await fetch(form.dataset.passkeyOptions, {
            method: 'POST',
            credentials: 'same-origin',
            body: new URLSearchParams({ __RequestVerificationToken: token }),
        });
        const text = await response.text();
        if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) {
            // A redirect to the sign-in page arrives as HTML: the sign-in has ended.
            throw new Error(response.ok ? 'Your sign-in has ended. Sign in again.' : text);
        }

        return JSON.parse(text);
    }

    async function credentialFor(form) {
        if (!supported()) {
            throw new Error('This browser cannot use passkeys. Update it, or use your password and authenticator app.');
        }

        const options = await optionsFor(form);
        return form.dataset.passkey === 'create'
            ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
            : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    }

    document.addEventListener('submit', async (event) => {
        const form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.dataset.passkey) {
            return;
        }

        event.preventDefault();
        event.stopPropagation();
        const button = form.querySelector('button[type="submit"]');
        if (button?.disabled) {
            return;
        }

        button && (button.disabled = true);
        const credential = form.querySelector('[data-passkey-credential]');
        const error = form.querySelector('[data-passkey-error]');
        try {
            credential.value = JSON.stringify(await credentialFor(form));
        } catch (e) {
            // NotAllowedError: the person cancelled, or the device did not answer in time.
            error.value = e?.name === 'NotAllowedError' || e?.name === 'AbortError' ? 'cancelled' : (e?.message || 'The passkey did not work.');
        }

        form.submit();
    }, true);
})();
