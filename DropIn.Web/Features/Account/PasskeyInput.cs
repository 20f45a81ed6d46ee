namespace DropIn.Web.Features.Account;

/// <summary>What a passkey form posts: the browser's WebAuthn answer or why there is none, and the passkey's id and name.</summary>
public sealed class PasskeyInput
{
    /// <summary>The JSON of the browser's <c>PublicKeyCredential</c>, for Identity to verify.</summary>
    public string? CredentialJson { get; set; }

    /// <summary>Why the browser has no credential ("cancelled", or its message).</summary>
    public string? Error { get; set; }

    /// <summary>The credential id, base64url.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }
}
