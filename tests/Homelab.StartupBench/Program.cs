using System.Diagnostics;
using System.Globalization;
using Homelab.StartupBench;
using Proto = Homelab.Provider.Framework.Protocol;

// usage: Homelab.StartupBench RUNS NAME=EXE [NAME=EXE ...]
// For each provider: spawn → handshake line, handshake → first RPC (GetProviderSchema) answered,
// peak RSS after it, and Shutdown → exit; medians over RUNS, ratios against the first provider
// as the median of the per-round ratios. CPU ms: the provider's CPU time until the first RPC was
// answered (load-robust where wall time is not).
var runs = int.Parse(args[0], CultureInfo.InvariantCulture);
var providers = args.Skip(1).Select(a => a.Split('=', 2)).Select(p => (Name: p[0], Exe: p[1])).ToList();
var samples = providers.Select(_ => new List<(double Handshake, double FirstRpc, double Total, double Rss, double Cpu, double Shutdown)>()).ToList();
// Interleaved (A B C A B C ...): a machine whose speed drifts during the run moves every provider alike,
// and each run's ratio against the first provider is taken within the same round.
for (var i = 0; i < runs; i++)
{
    for (var p = 0; p < providers.Count; p++)
    {
        var (name, exe) = providers[p];
        await using var client = await PluginClient.StartAsync(exe);
        var sw = Stopwatch.StartNew();
        var provider = new Proto.Provider.ProviderClient(client.Channel);
        var schema = await provider.GetProviderSchemaAsync(new Proto.GetProviderSchema.Types.Request());
        if (schema.Provider is null)
        {
            throw new InvalidOperationException($"{name}: no provider schema");
        }
        var rpc = sw.Elapsed.TotalMilliseconds;
        samples[p].Add((client.HandshakeMs, rpc, client.HandshakeMs + rpc, client.PeakRssMb(), client.CpuMs(), await client.ShutdownAsync()));
    }
}

Console.WriteLine($"{"provider",-12} {"handshake ms",13} {"first RPC ms",13} {"spawn→RPC ms",13} {"(min–max)",13} {"peak RSS MB",12} {"CPU ms",8} {"shutdown ms",12}   (medians of {runs}, interleaved)");
for (var p = 0; p < providers.Count; p++)
{
    var x = samples[p];
    var b = samples[0];
    var totalRatio = Median(x.Select((r, i) => r.Total / b[i].Total).ToList());
    var rssRatio = Median(x.Select((r, i) => r.Rss / b[i].Rss).ToList());
    var cpuRatio = Median(x.Select((r, i) => r.Cpu / b[i].Cpu).ToList());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{providers[p].Name,-12} {Median(x.Select(r => r.Handshake).ToList()),13:F1} {Median(x.Select(r => r.FirstRpc).ToList()),13:F1} {Median(x.Select(r => r.Total).ToList()),13:F1} {$"{x.Min(r => r.Total):F0}–{x.Max(r => r.Total):F0}",13} {Median(x.Select(r => r.Rss).ToList()),12:F1} {Median(x.Select(r => r.Cpu).ToList()),8:F1} {Median(x.Select(r => r.Shutdown).ToList()),12:F1}   ratio vs {providers[0].Name} (median of paired runs): spawn→RPC {totalRatio:F2}x, RSS {rssRatio:F2}x, CPU {cpuRatio:F2}x"));
}

static double Median(List<double> xs)
{
    var s = xs.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}
