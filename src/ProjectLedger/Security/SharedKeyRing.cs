using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace ProjectLedger.Security;

/// <summary>One key of ASP.NET Core's data protection key ring (it encrypts the session cookies), as its XML.</summary>
public sealed record DataProtectionKey(string Id, string Xml);

/// <summary>
/// The data protection key ring in PostgreSQL, beside the events: every node reads the others'
/// session cookies and anti-forgery tokens, and a restarted or replaced container keeps them valid.
/// A node that meets a cookie under a key it has not seen yet reloads the ring (ASP.NET does that by itself).
/// </summary>
public sealed class SharedKeyRing(IDocumentStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        // IXmlRepository is synchronous; ASP.NET calls it at start-up and when a key is made or not found.
        using var session = store.QuerySession();
        return session.Query<DataProtectionKey>().ToListAsync().GetAwaiter().GetResult().Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = store.LightweightSession();
        session.Store(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        session.SaveChangesAsync().GetAwaiter().GetResult();
    }

    public static void Configure(StoreOptions opts) => opts.RegisterDocumentType<DataProtectionKey>();

    /// <summary>
    /// db-apply makes the first key before any node starts: nodes starting together on an empty ring
    /// would each make one, and read each other's cookies only after their next refresh (a day).
    /// </summary>
    public static void EnsureKey(IServiceProvider services)
    {
        if (services.GetService<IKeyManager>() is not { } keys) return;
        var now = DateTimeOffset.UtcNow;
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
            keys.CreateNewKey(now, now.AddDays(90));
    }

    /// <summary>Keeps the key ring in the database, unless LEDGER_KEYS_DIR names a shared folder for it.</summary>
    public static void AddSharedKeyRing(IServiceCollection services) =>
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new SharedKeyRing(sp.GetRequiredService<IDocumentStore>())));
}
