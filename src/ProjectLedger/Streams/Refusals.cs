using ProjectLedger.Security;

namespace ProjectLedger.Streams;

/// <summary>
/// The 403s of a stream outside the caller's county. They say that it is not the caller's and what
/// the caller can do instead, never whose it is: the owning county is not the stranger's to learn.
/// </summary>
public static class Refusals
{
    public static Forbidden? Read(LedgerUser user, string county, string what) =>
        user.CanRead(county) ? null : NotYours(user, what);

    public static Forbidden? Write(LedgerUser user, string county) => user.CanWrite(county) ? null : user.Role switch
    {
        Roles.ProjectOffice => new Forbidden(
            $"Your project office writes only within {user.County}, and this is not there. " +
            "Changes elsewhere are made by that county's own project office."),
        "" => new Forbidden("Your token carries no role."),
        _ => new Forbidden($"The role {user.Role} reads but does not write."),
    };

    private static Forbidden NotYours(LedgerUser user, string what) => new(
        $"This {what} is not in your county ({user.County}). You can open the {what}s of {user.County}; " +
        "about this one, ask the project office it belongs to.");
}
