using System.Security.Claims;
using ProjectLedger.Counties;

namespace ProjectLedger.Security;

public static class Roles
{
    public const string ProjectOffice = "projectOffice";
    public const string Leadership = "leadership";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [ProjectOffice, Leadership, Auditor, Admin];
}

/// <summary>The caller as the token or session describes them: who, in which role, for which county ("*" = all).</summary>
public sealed record LedgerUser(string Id, string Role, string County)
{
    public const string AllCounties = "*";
    public const string CountyClaim = "county";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    /// <summary>Only for principals the access policy let through: they always carry a subject.</summary>
    public static LedgerUser From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(SubjectClaim) ?? "",
        principal.FindFirstValue(RoleClaim) ?? "",
        principal.FindFirstValue(CountyClaim) ?? "");

    public bool SeesAllCounties => Role is Roles.Auditor or Roles.Admin || (Role is Roles.Leadership && County == AllCounties);

    /// <summary>Project offices write within their county; admins anywhere; leadership and auditors never.</summary>
    public bool CanWrite(string county) => Role switch
    {
        Roles.Admin => true,
        Roles.ProjectOffice => County == county,
        _ => false,
    };

    public bool CanRead(string county) => SeesAllCounties || County == county;

    public bool CanAudit => Role is Roles.Auditor or Roles.Admin;

    /// <summary>
    /// Why this caller gets nothing at all, or null when the role and county are a valid pair:
    /// one of the four roles; project offices and leadership bound to a county; "*" only for
    /// national leadership, auditors and admins.
    /// </summary>
    public AccessRefusal? Refusal() => Role switch
    {
        "" => new("noRole", "Your sign-in carries no role in ProjectLedger. Ask your organisation's administrator to give you one of the ProjectLedger roles."),
        _ when !Roles.All.Contains(Role) => new("unknownRole",
            $"Your sign-in carries the role '{Role}', which ProjectLedger does not know. Ask your organisation's administrator for one of the ProjectLedger roles."),
        Roles.ProjectOffice or Roles.Leadership when County == "" => new("noCounty",
            "Your role is bound to a county, but your sign-in carries none. Ask your organisation's administrator to add your county."),
        Roles.ProjectOffice when County == AllCounties => new("allCountiesNotAllowed",
            "A project office works within one county; your sign-in claims all of them. Ask your organisation's administrator to set your county."),
        _ when County != "" && County != AllCounties && !CountyCatalog.Exists(County) => new("unknownCounty",
            $"Your sign-in carries the county '{County}', which is not a county ProjectLedger knows. Ask your organisation's administrator to correct it."),
        _ => null,
    };
}

/// <summary>A 403 for the caller as a whole: a code the UI translates, and a detail a person can act on.</summary>
public sealed record AccessRefusal(string Code, string Detail);
