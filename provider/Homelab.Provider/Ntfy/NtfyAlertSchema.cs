using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

using Homelab.Provider.Kit;

namespace Homelab.Provider.Ntfy;

/// <summary>The schema of <c>homelab_ntfy_alert</c>; every attribute documented in Markdown.</summary>
internal static class NtfyAlertSchema
{
    public static ResourceSchema Schema { get; } = new(0, new Block
    {
        Description =
            "An [ntfy](https://ntfy.sh) target that receives an alert whenever a watched systemd unit fails on the host. " +
            "Apply writes `<state>/ntfy/<name>.env` (mode 0600; a `token_wo` or `password_wo` in separate 0600 files, a `token_file` or `password_file` only named) for the foundation's " +
            "`failure-notify@.service`, and `OnFailure=failure-notify@%n.service` drop-ins (`<state>/units/<unit>.d/homelab-<name>.conf`) " +
            "for watched host units the provider does not generate (e.g. `incus.service`). The provider's own units already carry `OnFailure`. " +
            "An alert carries `systemctl status` and the last journal lines of the failed unit, cut to `max_body_bytes`.\n\n" +
            "With `send_test` (default), a real test message is published from the host with `curl` on create and whenever the target " +
            "(URL, topic or credentials) changes. Secrets never appear on a command line or in state.\n\n" +
            "Import id: `[<remote>:]<name>`, e.g. `phone` or `atlas:phone`.",
        Attributes =
        [
            new SchemaAttribute("id", TfType.String, "`<remote>:<name>`.") { Computed = true, UseStateForUnknown = true },
            new SchemaAttribute("name", TfType.String, "Name of the alert target: the file `<state>/ntfy/<name>.env`. Changing it replaces the alert.")
            {
                Required = true,
                RequiresReplace = true,
                Validators = [Validators.Matches(NtfyValidation.NameRegex(), "Use 1-63 lowercase letters, digits, `_` or `-`, starting with a letter or digit.")],
            },
            RemoteAttribute.Definition("the alert"),
            new SchemaAttribute("url", TfType.String, "Base URL of the ntfy server, e.g. `https://ntfy.example.net` (alerts go to `<url>/<topic>`). No credentials in it: use `token_wo`/`token_file` or `username` + `password_wo`/`password_file`.")
            {
                Required = true,
                Validators = [NtfyValidation.Url],
            },
            new SchemaAttribute("topic", TfType.String, "ntfy topic to publish to.")
            {
                Required = true,
                Validators = [Validators.Matches(NtfyValidation.TopicRegex(), "Use 1-64 ASCII letters, digits, `-` or `_` (ntfy's topic grammar).")],
            },
            new SchemaAttribute("priority", TfType.String, "Message priority: `min`, `low`, `default`, `high`, `max` (= `urgent`) or `1`..`5`. Default `high`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.String(NtfyAlert.DefaultPriority),
                Validators = [Validators.OneOf(NtfyValidation.Priorities)],
            },
            new SchemaAttribute("tags", TfType.List(TfType.String), "ntfy tags of every alert; emoji short codes such as `warning` or `rotating_light` show as emojis. Default `[\"warning\"]`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValueAccessors.StringList(NtfyAlert.DefaultTags),
                Validators = [NtfyValidation.Tags],
            },
            new SchemaAttribute("click", TfType.String, "URL opened when the notification is tapped, e.g. your runbook. Default: none.")
            {
                Optional = true,
                Validators = [NtfyValidation.Click],
            },
            new SchemaAttribute("title", TfType.String, "Title template of an alert; `{host}` and `{unit}` are replaced by the host name and the failed unit. Default `{host}: {unit} failed`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.String(NtfyAlert.DefaultTitle),
                Validators = [NtfyValidation.Title],
            },
            new SchemaAttribute("max_body_bytes", TfType.Number, "Largest message body in bytes. Longer alerts keep their first line and the newest lines that fit (whole lines, valid UTF-8). ntfy turns messages over 4096 bytes into attachments. Default `3500`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.Number(NtfyAlert.DefaultMaxBodyBytes),
                Validators = [Validators.IntBetween(64, 4096)],
            },
            new SchemaAttribute("units", TfType.Set(TfType.String), "Host units whose failures this target receives as well, e.g. `[\"incus.service\", \"zfs-scrub\"]` (`.service` is implied). Each gets an `OnFailure=failure-notify@%n.service` drop-in; the provider's own `homelab-*` units need none. Default: none.")
            {
                Optional = true,
                Validators = [NtfyValidation.Units],
            },
            new SchemaAttribute("watch_provider_units", TfType.Bool, "Receive the failures of every unit the provider generates (`homelab-*`: syncoid, restic, sanoid jobs). Set `false` for a target that only watches `units`. Default `true`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.True,
            },
            new SchemaAttribute("send_test", TfType.Bool, "Publish a test message from the host on create and whenever `url`, `topic` or the credentials change; a failed publish fails the apply. Default `true`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.True,
            },
            new SchemaAttribute("token_wo", TfType.String, "Write-only ntfy access token (`tk_…`), sent as `Authorization: Bearer`. Never stored in state; kept on the host in a 0600 file. Needs `token_wo_version`. Requires Terraform >= 1.11 / OpenTofu >= 1.11.")
            {
                Optional = true,
                Sensitive = true,
                WriteOnly = true,
                Validators = [NtfyValidation.Token],
            },
            new SchemaAttribute("token_wo_version", TfType.Number, "Version of `token_wo`: set it with the token and change it to apply a new token (write-only values cannot be compared).")
            {
                Optional = true,
                Validators = [Validators.IntBetween(0, 9007199254740991)],
            },
            new SchemaAttribute("token_file", TfType.String, "Absolute path of a file on the host that holds the ntfy access token, e.g. `/run/secrets/ntfy-token` placed by sops-nix or agenix: the alternative to `token_wo` when the secret should never pass through Terraform. The env file names it (`NTFY_TOKEN_FILE`) and `failure-notify` reads it (whitespace removed) each time it sends, so a rotated file is used without an apply. The provider never reads, writes or deletes it (the test message's `curl` reads it on the host); plan checks that it exists on the host, and refuses a path inside the state dir, which the provider owns. Conflicts with `token_wo` and `username`.")
            {
                Optional = true,
                Validators = [NtfyValidation.SecretFile],
            },
            new SchemaAttribute("username", TfType.String, "User for HTTP basic authentication, with `password_wo` or `password_file`. Use either this or a token (`token_wo`, `token_file`).")
            {
                Optional = true,
                Validators = [NtfyValidation.Username],
            },
            new SchemaAttribute("password_wo", TfType.String, "Write-only password of `username`. Never stored in state; kept on the host in a 0600 file. Needs `password_wo_version`.")
            {
                Optional = true,
                Sensitive = true,
                WriteOnly = true,
                Validators = [NtfyValidation.Password],
            },
            new SchemaAttribute("password_wo_version", TfType.Number, "Version of `password_wo`: change it to apply a new password.")
            {
                Optional = true,
                Validators = [Validators.IntBetween(0, 9007199254740991)],
            },
            new SchemaAttribute("password_file", TfType.String, "Absolute path of a file on the host that holds the password of `username`, e.g. `/run/agenix/ntfy-password` placed by agenix or sops-nix: the alternative to `password_wo`. The env file names it (`NTFY_PASSWORD_FILE`) and `failure-notify` reads it (trailing line breaks removed) each time it sends. The provider never reads, writes or deletes it (the test message's `curl` reads it on the host); plan checks that it exists on the host, and refuses a path inside the state dir. Conflicts with `password_wo`.")
            {
                Optional = true,
                Validators = [NtfyValidation.SecretFile],
            },
        ],
    });
}
