using Microsoft.Identity.Client;

namespace CommunityJustice.Analytics.PowerBI;

/// <summary>
/// Tokens from Microsoft Entra ID with MSAL: a service principal (client id + secret) for unattended
/// publishing, or the device-code flow for a person at a terminal. MSAL caches and renews them.
/// </summary>
public sealed class MsalTokenSource : ITokenSource
{
    private readonly IConfidentialClientApplication? _app;
    private readonly IPublicClientApplication? _user;
    private readonly Action<string> _log;

    public MsalTokenSource(string tenant, string clientId, string? clientSecret, Action<string> log)
    {
        _log = log;
        var authority = $"https://login.microsoftonline.com/{tenant}";
        if (clientSecret is not null)
            _app = ConfidentialClientApplicationBuilder.Create(clientId).WithClientSecret(clientSecret).WithAuthority(authority).Build();
        else
            _user = PublicClientApplicationBuilder.Create(clientId).WithAuthority(authority).WithDefaultRedirectUri().Build();
    }

    public async Task<string> GetTokenAsync(string scope, CancellationToken cancellationToken)
    {
        try
        {
            if (_app is not null) return (await _app.AcquireTokenForClient([scope]).ExecuteAsync(cancellationToken)).AccessToken;
            var account = (await _user!.GetAccountsAsync()).FirstOrDefault();
            if (account is not null)
            {
                try { return (await _user.AcquireTokenSilent([scope], account).ExecuteAsync(cancellationToken)).AccessToken; }
                catch (MsalUiRequiredException) { }
            }
            return (await _user.AcquireTokenWithDeviceCode([scope], code => { _log(code.Message); return Task.CompletedTask; }).ExecuteAsync(cancellationToken)).AccessToken;
        }
        catch (MsalServiceException e)
        {
            throw Explain(e);
        }
    }

    /// <summary>Entra ID's sign-in errors in words: wrong tenant, unknown app, bad secret, consent missing.</summary>
    public static PowerBIException Explain(MsalServiceException e)
    {
        var text = e.Message;
        if (text.Contains("AADSTS90002", StringComparison.Ordinal) || text.Contains("AADSTS900023", StringComparison.Ordinal))
            return new PowerBIException($"Wrong tenant: Entra ID does not know the tenant given with --tenant ({text}). Use the tenant id (GUID) or domain of the organisation that owns the workspace.");
        if (text.Contains("AADSTS700016", StringComparison.Ordinal))
            return new PowerBIException($"Wrong tenant or client id: no application with this --client-id is registered in the tenant ({text}).");
        if (text.Contains("AADSTS7000215", StringComparison.Ordinal) || text.Contains("AADSTS7000222", StringComparison.Ordinal))
            return new PowerBIException($"The client secret is wrong or has expired ({text}).");
        if (text.Contains("AADSTS65001", StringComparison.Ordinal))
            return new PowerBIException($"Missing permission: an administrator has not consented to the application's Power BI permissions ({text}).");
        return new PowerBIException($"Sign-in failed: {e.ErrorCode}: {text}");
    }
}
