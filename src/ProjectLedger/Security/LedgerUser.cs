using System.Security.Claims;

namespace ProjectLedger.Security;

public static class Roles
{
    public const string ProjectOffice = "projectOffice";
    public const string Leadership = "leadership";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [ProjectOffice, Leadership, Auditor, Admin];
}

/// <summary>The caller as the token describes them: who, in which role, for which county ("*" = all).</summary>
public sealed record LedgerUser(string Id, string Role, string County)
{
    public const string AllCounties = "*";
    public const string CountyClaim = "county";
    public const string RoleClaim = "role";

    public static LedgerUser From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub") ?? "anonymous",
        principal.FindFirstValue(RoleClaim) ?? principal.FindFirstValue(ClaimTypes.Role) ?? "",
        principal.FindFirstValue(CountyClaim) ?? "");

    public bool SeesAllCounties => Role is Roles.Auditor or Roles.Admin || County == AllCounties;

    /// <summary>Project offices write within their county; admins anywhere; leadership and auditors never.</summary>
    public bool CanWrite(string county) => Role switch
    {
        Roles.Admin => true,
        Roles.ProjectOffice => County == AllCounties || County == county,
        _ => false,
    };

    public bool CanRead(string county) => SeesAllCounties || County == county;

    public bool CanAudit => Role is Roles.Auditor or Roles.Admin;
}
