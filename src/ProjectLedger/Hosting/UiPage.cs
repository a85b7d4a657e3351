using System.Net;
using ProjectLedger.Security;

namespace ProjectLedger.Hosting;

/// <summary>
/// The single-page UI's index.html, served per request with this response's CSP nonce in
/// `<meta property="csp-nonce">`, where styled-components reads it for the style tags it injects.
/// Never stored: every copy carries its own nonce. Served before the static files (LedgerStaticFiles), compressed.
/// </summary>
public static class UiPage
{
    public static WebApplication UseLedgerUiPage(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if ((HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && http.Request.Path.Value is "/" or "/index.html")
            {
                await Serve(http);
                return;
            }
            await next(http);
        });
        return app;
    }

    public static async Task Serve(HttpContext http)
    {
        var file = http.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo("index.html");
        if (!file.Exists)
        {
            await Results.Problem(statusCode: 404, title: "Not found", detail: "The UI is not built: run ops/build-web.").ExecuteAsync(http);
            return;
        }
        string html;
        using (var reader = new StreamReader(file.CreateReadStream())) html = await reader.ReadToEndAsync(http.RequestAborted);
        var nonce = WebUtility.HtmlEncode(SecurityHeaders.Nonce(http));
        html = html.Replace("<head>", $"<head>\n    <meta property=\"csp-nonce\" content=\"{nonce}\" />", StringComparison.OrdinalIgnoreCase);
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        await http.Response.WriteAsync(html, http.RequestAborted);
    }
}
