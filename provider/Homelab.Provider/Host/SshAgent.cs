using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Security;

namespace Homelab.Provider.Host;

/// <summary>
/// Keys held by an ssh-agent (the <c>SSH_AUTH_SOCK</c> unix socket), for SSH.NET, which has no
/// agent client of its own. Speaks the agent protocol's two requests we need
/// (draft-miller-ssh-agent): list identities (11 → 12) and sign (13 → 14). The private keys never
/// enter this process; the agent signs the authentication challenge.
/// </summary>
internal sealed class SshAgent : IPrivateKeySource
{
    private const byte Failure = 5;
    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;

    // Sign-request flags asking for RSA signatures with SHA-2 (servers refuse ssh-rsa/SHA-1).
    private const uint RsaSha256 = 2;
    private const uint RsaSha512 = 4;

    private SshAgent(IReadOnlyCollection<HostAlgorithm> algorithms) => HostKeyAlgorithms = algorithms;

    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }

    public int KeyCount => HostKeyAlgorithms.Count;

    /// <summary>Asks the agent at <paramref name="socketPath"/> for its keys.</summary>
    public static SshAgent Connect(string socketPath)
    {
        var reply = Request(socketPath, [RequestIdentities]);
        if (reply.Length == 0 || reply[0] != IdentitiesAnswer)
        {
            throw new SshException("the agent did not list its keys");
        }
        var reader = new Reader(reply.AsMemory(1));
        var count = reader.UInt32();
        var algorithms = new List<HostAlgorithm>();
        for (var i = 0; i < count; i++)
        {
            var blob = reader.Bytes();
            _ = reader.Bytes(); // comment
            var keyType = Encoding.ASCII.GetString(new Reader(blob).Bytes());
            if (keyType == "ssh-rsa")
            {
                algorithms.Add(new AgentKey("rsa-sha2-512", blob, socketPath, RsaSha512));
                algorithms.Add(new AgentKey("rsa-sha2-256", blob, socketPath, RsaSha256));
            }
            else
            {
                algorithms.Add(new AgentKey(keyType, blob, socketPath, 0));
            }
        }
        return new SshAgent(algorithms);
    }

    /// <summary>One request/response exchange: uint32 length, then the message.</summary>
    private static byte[] Request(string socketPath, byte[] message)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        using var stream = new NetworkStream(socket, ownsSocket: false);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)message.Length);
        stream.Write(length);
        stream.Write(message);
        stream.ReadExactly(length);
        var size = BinaryPrimitives.ReadUInt32BigEndian(length);
        if (size > 256 * 1024)
        {
            throw new SshException("the agent's answer is implausibly large");
        }
        var reply = new byte[size];
        stream.ReadExactly(reply);
        return reply;
    }

    private static byte[] SshString(ReadOnlySpan<byte> value)
    {
        var result = new byte[4 + value.Length];
        BinaryPrimitives.WriteUInt32BigEndian(result, (uint)value.Length);
        value.CopyTo(result.AsSpan(4));
        return result;
    }

    /// <summary>A key the agent holds, offered as one signature algorithm.</summary>
    private sealed class AgentKey(string name, byte[] blob, string socketPath, uint flags) : HostAlgorithm(name)
    {
        public override byte[] Data => blob;

        /// <summary>The agent returns the whole signature blob (string algorithm, string signature), as SSH.NET expects.</summary>
        public override byte[] Sign(byte[] data)
        {
            var flagBytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(flagBytes, flags);
            byte[] message = [SignRequest, .. SshString(blob), .. SshString(data), .. flagBytes];
            var reply = Request(socketPath, message);
            if (reply.Length == 0 || reply[0] == Failure)
            {
                throw new SshException($"the ssh-agent refused to sign with its {Name} key");
            }
            if (reply[0] != SignResponse)
            {
                throw new SshException($"unexpected ssh-agent answer {reply[0]}");
            }
            return new Reader(reply.AsMemory(1)).Bytes();
        }

        public override bool VerifySignature(byte[] data, byte[] signature) =>
            throw new NotSupportedException("Agent keys only sign.");
    }

    /// <summary>Reads SSH wire types (uint32, string) from a buffer.</summary>
    private sealed class Reader(ReadOnlyMemory<byte> buffer)
    {
        private int _offset;

        public uint UInt32()
        {
            if (_offset + 4 > buffer.Length)
            {
                throw new SshException("truncated ssh-agent message");
            }
            var value = BinaryPrimitives.ReadUInt32BigEndian(buffer.Span[_offset..]);
            _offset += 4;
            return value;
        }

        public byte[] Bytes()
        {
            var length = UInt32();
            if (length > buffer.Length - _offset)
            {
                throw new SshException("truncated ssh-agent message");
            }
            var value = buffer.Span.Slice(_offset, (int)length).ToArray();
            _offset += (int)length;
            return value;
        }
    }
}
