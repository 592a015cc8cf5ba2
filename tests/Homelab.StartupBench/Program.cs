using System.Diagnostics;
using System.Globalization;
using Homelab.StartupBench;
using Proto = Homelab.Provider.Framework.Protocol;

// usage: Homelab.StartupBench RUNS NAME=EXE [NAME=EXE ...]
// For each provider: spawn → handshake line, handshake → first RPC (GetProviderSchema) answered,
// peak RSS after it, and Shutdown → exit; medians over RUNS, ratios against the first provider.
var runs = int.Parse(args[0], CultureInfo.InvariantCulture);
var providers = args.Skip(1).Select(a => a.Split('=', 2)).Select(p => (Name: p[0], Exe: p[1])).ToList();
var rows = new List<(string Name, double Handshake, double FirstRpc, double Total, double Rss, double Shutdown)>();
foreach (var (name, exe) in providers)
{
    var hs = new List<double>();
    var rpc = new List<double>();
    var total = new List<double>();
    var rss = new List<double>();
    var shut = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        await using var client = await PluginClient.StartAsync(exe);
        var sw = Stopwatch.StartNew();
        var provider = new Proto.Provider.ProviderClient(client.Channel);
        var schema = await provider.GetProviderSchemaAsync(new Proto.GetProviderSchema.Types.Request());
        if (schema.Provider is null)
        {
            throw new InvalidOperationException($"{name}: no provider schema");
        }
        hs.Add(client.HandshakeMs);
        rpc.Add(sw.Elapsed.TotalMilliseconds);
        total.Add(client.HandshakeMs + sw.Elapsed.TotalMilliseconds);
        rss.Add(client.PeakRssMb());
        shut.Add(await client.ShutdownAsync());
    }
    rows.Add((name, Median(hs), Median(rpc), Median(total), Median(rss), Median(shut)));
}

Console.WriteLine($"{"provider",-12} {"handshake ms",13} {"first RPC ms",13} {"spawn→RPC ms",13} {"peak RSS MB",12} {"shutdown ms",12}   (medians of {runs})");
var baseline = rows[0];
foreach (var r in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Name,-12} {r.Handshake,13:F1} {r.FirstRpc,13:F1} {r.Total,13:F1} {r.Rss,12:F1} {r.Shutdown,12:F1}   ratio vs {baseline.Name}: spawn→RPC {r.Total / baseline.Total:F2}x, RSS {r.Rss / baseline.Rss:F2}x"));
}

static double Median(List<double> xs)
{
    var s = xs.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}
