using System.Text;
using Homelab.Provider.Host;

namespace Homelab.Provider.Ntfy;

/// <summary>
/// Publishes the test message of an alert FROM THE HOST (that is where alerts originate, so this
/// proves the host can reach the server) with the host's <c>curl</c>. Everything but fixed options
/// travels in a curl config read from stdin (<c>--config -</c>): the URL, the headers and the
/// Authorization header, so no secret is ever on a command line (visible in <c>ps</c> and in the
/// provider's logs).
/// </summary>
internal static class NtfyPublisher
{
    /// <summary>Same bounds as failure-notify.sh: short connect timeout, two retries, 20 s in total.</summary>
    private static readonly string[] CurlArgs =
    [
        "--silent", "--show-error", "--fail", "--output", "/dev/null",
        "--connect-timeout", "5", "--max-time", "20", "--retry", "2", "--retry-delay", "1", "--retry-connrefused",
        "--config", "-",
    ];

    /// <summary>
    /// Runs curl with the Authorization header built on the host from the user's secret file
    /// ($2), the way failure-notify.sh builds it: a token without any whitespace (<c>bearer</c>), or
    /// <c>user:password</c> base64-encoded with the password's trailing line breaks removed
    /// (<c>basic</c>). The header goes to curl through a 0600 temporary file (<c>--header @file</c>),
    /// so the secret is never on a command line and never leaves the host. The curl config (URL,
    /// other headers, body) comes on stdin.
    /// </summary>
    private const string SecretFileScript = """
        kind=$1 file=$2 user=$3
        shift 3
        umask 077
        if ! secret=$(cat -- "$file"); then
          echo "cannot read the secret file $file" >&2
          exit 66
        fi
        header=$(mktemp) || exit 70
        trap 'rm -f -- "$header"' EXIT
        trap 'exit 129' HUP INT TERM
        if [ "$kind" = bearer ]; then
          printf 'Authorization: Bearer %s\n' "$(printf '%s' "$secret" | tr -d '[:space:]')" > "$header"
        else
          printf 'Authorization: Basic %s\n' "$(printf '%s:%s' "$user" "$secret" | base64 | tr -d '\n')" > "$header"
        fi
        "$@" --header "@$header"
        """;

    /// <summary>Sends the test message; returns null on success, else a sentence for a diagnostic.</summary>
    public static async Task<string?> SendTestAsync(Remote remote, NtfyAlert alert, string? token, string? password, CancellationToken ct)
    {
        var watched = (alert.WatchProviderUnits ? ["every unit the provider manages"] : Array.Empty<string>()).Concat(alert.Units ?? []);
        var message =
            $"Test message from homelab_ntfy_alert \"{alert.Name}\": failures of {string.Join(", ", watched)} will be posted to this topic.";
        var config = BuildConfig(alert, $"Test alert: {alert.Name}", message, token, password);
        CommandResult result;
        if (alert.SecretFile is { } file)
        {
            // The user's token_file/password_file: read on the host, as failure-notify.sh reads it.
            var curl = await remote.Tools.GetAsync("curl", ct).ConfigureAwait(false);
            result = await remote.Connection.RunAsync(
                new HostCommand(["/bin/sh", "-c", SecretFileScript, "sh", alert.TokenFile is not null ? "bearer" : "basic", file, alert.Username ?? "", curl, .. CurlArgs]) { Stdin = config },
                ct).ConfigureAwait(false);
        }
        else
        {
            result = await remote.RunToolAsync("curl", CurlArgs, ct, stdin: config).ConfigureAwait(false);
        }
        return result.Succeeded
            ? null
            : $"Publishing the test message to {alert.Url.TrimEnd('/')}/{alert.Topic} from remote \"{remote.Name}\" failed: {result.Describe()} " +
              "Check that the host can reach the server and that the token or user may publish to the topic, or set `send_test = false`.";
    }

    /// <summary>The curl config (one encoder: <see cref="CurlConfig"/>).</summary>
    internal static string BuildConfig(NtfyAlert alert, string title, string message, string? token, string? password)
    {
        var config = new CurlConfig()
            .Option("url", alert.Url.TrimEnd('/') + "/" + alert.Topic)
            .Header("Title", title)
            .Header("Priority", alert.Priority)
            .Header("Tags", string.Join(',', alert.Tags));
        if (alert.Click is not null)
        {
            config.Header("Click", alert.Click);
        }
        if (token is not null)
        {
            config.Header("Authorization", "Bearer " + token);
        }
        else if (alert.Username is not null && password is not null)
        {
            config.Header("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(alert.Username + ":" + password)));
        }
        return config.Body(message).ToString();
    }
}
