using System.Diagnostics;
using System.Text.Json;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Hosting;

/// <summary>
/// <c>--debug</c> (issue 11): the provider serves on a unix socket in a private directory, never
/// on a loopback TCP port without TLS, and the real terraform attaches to it through the
/// <c>TF_REATTACH_PROVIDERS</c> value it prints.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DebugModeTests
{
    private const string Source = "example.com/homelab/testfw";

    [Fact]
    public void Debug_mode_serves_on_a_private_unix_socket_that_terraform_attaches_to()
    {
        var psi = new ProcessStartInfo(Path.Combine(ProviderBuild.TestProvider, "terraform-provider-testfw"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--debug");
        psi.Environment.Remove("TF_PLUGIN_MAGIC_COOKIE");
        using var provider = Process.Start(psi)!;
        provider.ErrorDataReceived += (_, _) => { };
        provider.BeginErrorReadLine();
        try
        {
            var reattach = ReadReattach(provider);
            var addr = JsonDocument.Parse(reattach).RootElement.GetProperty(Source).GetProperty("Addr");
            Assert.Equal("unix", addr.GetProperty("Network").GetString());
            var socket = addr.GetProperty("String").GetString()!;
            Assert.Contains(socket, Directory.GetFileSystemEntries(Path.GetDirectoryName(socket)!));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(socket)!));

            using var tf = TerraformWorkspace.Create(ProviderBuild.TestProvider, Source, "testfw");
            tf.Environment["TF_REATTACH_PROVIDERS"] = reattach;
            tf.WriteConfig($$"""
                provider "testfw" {
                  store_dir = "{{Path.Combine(tf.Directory, "store")}}"
                }
                data "testfw_echo" "e" {
                  input = "attached"
                }
                output "echo" {
                  value = data.testfw_echo.e.result
                }
                """);
            var plan = tf.Run("plan", "-input=false", "-no-color");
            Assert.True(plan.ExitCode == 0, plan.ToString());
            Assert.Contains("\"ATTACHED\"", plan.Stdout, StringComparison.Ordinal);

            // Ctrl-C stops it and takes the socket's directory with it.
            Assert.Equal(0, ProcessRunner.Run("kill", ["-INT", provider.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ExitCode);
            Assert.True(provider.WaitForExit(TimeSpan.FromSeconds(10)), "the provider did not stop on SIGINT");
            Assert.False(Directory.Exists(Path.GetDirectoryName(socket)), "the debug socket directory was left behind");
        }
        finally
        {
            if (!provider.HasExited)
            {
                provider.Kill();
                provider.WaitForExit();
            }
        }
    }

    /// <summary>The JSON after <c>TF_REATTACH_PROVIDERS=</c> in the provider's banner.</summary>
    private static string ReadReattach(Process provider)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var line = provider.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The provider exited before printing TF_REATTACH_PROVIDERS.");
            var at = line.IndexOf("TF_REATTACH_PROVIDERS='", StringComparison.Ordinal);
            if (at >= 0)
            {
                return line[(at + "TF_REATTACH_PROVIDERS='".Length)..].TrimEnd('\'');
            }
        }
        throw new TimeoutException("No TF_REATTACH_PROVIDERS line within 30 s.");
    }
}
