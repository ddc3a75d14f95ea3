using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Saison.Application.Identity;
using Saison.Functions.Http;

namespace Saison.Functions.Identity;

/// <summary>
/// JWT bearer authentication on Microsoft.IdentityModel's <see cref="JsonWebTokenHandler"/>
/// (Microsoft.AspNetCore.Authentication.JwtBearer 10 cannot be restored here). Trusts Entra ID's
/// signing keys when an authority is configured, and the development key only in Development.
/// </summary>
public sealed class BearerAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "Bearer";

    /// <summary>The HttpOnly cookie in which the pages keep the same bearer token (SameSite=Strict).</summary>
    public const string TokenCookieName = "saison_jeton";
    private readonly BearerTokenValidator _validator;

    public BearerAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BearerTokenValidator validator)
        : base(options, logger, encoder)
    {
        _validator = validator;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        string? token;
        if (!string.IsNullOrEmpty(header))
        {
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticateResult.NoResult();
            }

            token = header["Bearer ".Length..].Trim();
        }
        else if (Request.Cookies.TryGetValue(TokenCookieName, out var cookie) && !string.IsNullOrEmpty(cookie))
        {
            // A browser signed in on the pages: the same token, kept in the pages' cookie.
            token = cookie;
        }
        else
        {
            return AuthenticateResult.NoResult();
        }

        var result = await _validator.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (!result.IsValid)
        {
            Logger.LogInformation("Bearer token refused: {Reason}", result.Exception?.GetType().Name ?? "invalid");
            return AuthenticateResult.Fail("Jeton invalide ou expiré.");
        }

        var identity = new ClaimsIdentity(result.ClaimsIdentity.Claims, SchemeName, SaisonClaims.Name, SaisonClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ProblemHandling.Write(Context, 401, ProblemTypes.Unauthenticated, "Authentification requise", "Présentez un jeton d'accès valide (en-tête Authorization: Bearer …).", null);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemHandling.Write(Context, 403, ProblemTypes.Forbidden, "Accès refusé", "Votre rôle ne permet pas cette opération.", null);
}

/// <summary>Validates bearer tokens against the keys this environment trusts.</summary>
public sealed class BearerTokenValidator
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters? _development;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _entra;
    private readonly AuthOptions _options;

    public BearerTokenValidator(IOptions<AuthOptions> options, IHostEnvironment environment, ILogger<BearerTokenValidator> logger)
    {
        _options = options.Value;
        if (!string.IsNullOrEmpty(_options.DevelopmentSigningKey))
        {
            if (environment.IsDevelopment())
            {
                _development = DevelopmentTokens.ValidationParameters(_options);
            }
            else
            {
                logger.LogWarning("Auth:DevelopmentSigningKey is set in environment {Environment}; it is ignored outside Development", environment.EnvironmentName);
            }
        }

        if (!string.IsNullOrEmpty(_options.Authority))
        {
            _entra = new ConfigurationManager<OpenIdConnectConfiguration>(
                _options.Authority.TrimEnd('/') + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = true });
        }
    }

    /// <summary>Whether the development key is trusted here (Development only).</summary>
    public bool TrustsDevelopmentKey => _development is not null;

    public async Task<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (_development is not null)
        {
            var result = await _handler.ValidateTokenAsync(token, _development).ConfigureAwait(false);
            if (result.IsValid || _entra is null)
            {
                return result;
            }
        }

        if (_entra is null)
        {
            return new TokenValidationResult { IsValid = false };
        }

        var configuration = await _entra.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKeys = configuration.SigningKeys,
            RoleClaimType = SaisonClaims.Role,
            NameClaimType = SaisonClaims.Name,
        }).ConfigureAwait(false);
    }
}

/// <summary>Mints and checks development tokens (the README's <c>token</c> command).</summary>
public static class DevelopmentTokens
{
    public static TokenValidationParameters ValidationParameters(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TokenValidationParameters
        {
            ValidIssuer = options.DevelopmentIssuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = Key(options),
            RoleClaimType = SaisonClaims.Role,
            NameClaimType = SaisonClaims.Name,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
    }

    /// <summary>A token for one role and scope, valid for <paramref name="lifetime"/>.</summary>
    public static string Mint(AuthOptions options, string role, IEnumerable<string> scopes, string id, string name, TimeSpan lifetime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var claims = new Dictionary<string, object>
        {
            [SaisonClaims.ObjectId] = id,
            ["sub"] = id,
            [SaisonClaims.Name] = name,
            [SaisonClaims.Role] = new[] { role },
            [SaisonClaims.Scope] = scopes.ToArray(),
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.DevelopmentIssuer,
            Audience = options.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(Key(options), SecurityAlgorithms.HmacSha256),
        });
    }

    private static SymmetricSecurityKey Key(AuthOptions options) =>
        new(Convert.FromBase64String(options.DevelopmentSigningKey ?? throw new InvalidOperationException("Auth:DevelopmentSigningKey is not configured.")));
}

public static class CallerExtensions
{
    /// <summary>The caller a use case sees, from the authenticated principal.</summary>
    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirst(SaisonClaims.ObjectId)?.Value ?? user.FindFirst("sub")?.Value ?? "anonymous";
        var name = user.FindFirst(SaisonClaims.Name)?.Value ?? id;
        return new Caller(
            id,
            name,
            user.FindAll(SaisonClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            user.FindAll(SaisonClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Requires one of the roles (Admin always passes).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireRole([.. roles, Roles.Admin]));
}
