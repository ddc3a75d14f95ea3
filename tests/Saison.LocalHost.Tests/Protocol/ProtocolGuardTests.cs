using System.Reflection;
using Google.Protobuf.Reflection;
using Saison.LocalHost.DescriptorWriter;
using Saison.LocalHost.Tests.Infrastructure;
using HostProtocol = Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection;

namespace Saison.LocalHost.Tests.Protocol;

/// <summary>
/// The facts of the worker protocol the local host relies on, read from the worker packages themselves:
/// an upgrade of Microsoft.Azure.Functions.Worker that changes one of them fails here, by name.
/// </summary>
public sealed class ProtocolGuardTests
{
    private static readonly FileDescriptor WorkerProtocol = WorkerProtocolDescriptor.Load();

    private static MessageDescriptor Message(string name) =>
        WorkerProtocol.MessageTypes.SingleOrDefault(m => m.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"FunctionRpc.proto no longer declares message {name}.");

    [Fact]
    public void The_worker_package_ships_FunctionRpc_EventStream_streaming_both_ways()
    {
        var service = Assert.Single(WorkerProtocol.Services, s => s.FullName == "AzureFunctionsRpcMessages.FunctionRpc");
        var eventStream = Assert.Single(service.Methods, m => m.Name == "EventStream");
        Assert.True(eventStream.IsClientStreaming);
        Assert.True(eventStream.IsServerStreaming);
        Assert.Equal("StreamingMessage", eventStream.InputType.Name);
        Assert.Equal("StreamingMessage", eventStream.OutputType.Name);
    }

    [Fact]
    public void The_host_is_generated_from_the_worker_packages_own_descriptor()
    {
        // Not from a copied .proto: the bytes the host was compiled with are the worker package's.
        Assert.Equal(WorkerProtocol.SerializedData, HostProtocol.Descriptor.SerializedData);
    }

    [Theory]
    [InlineData("start_stream", "StartStream")]
    [InlineData("worker_init_request", "WorkerInitRequest")]
    [InlineData("worker_init_response", "WorkerInitResponse")]
    [InlineData("functions_metadata_request", "FunctionsMetadataRequest")]
    [InlineData("function_metadata_response", "FunctionMetadataResponse")]
    [InlineData("function_load_request", "FunctionLoadRequest")]
    [InlineData("function_load_response", "FunctionLoadResponse")]
    [InlineData("invocation_request", "InvocationRequest")]
    [InlineData("invocation_response", "InvocationResponse")]
    [InlineData("invocation_cancel", "InvocationCancel")]
    [InlineData("worker_terminate", "WorkerTerminate")]
    [InlineData("rpc_log", "RpcLog")]
    public void StreamingMessage_carries_every_message_of_the_handshake_and_invocations(string field, string type)
    {
        Assert.Equal(type, Message("StreamingMessage").FindFieldByName(field)?.MessageType.Name);
    }

    [Fact]
    public void InvocationRequest_carries_the_trace_context_the_worker_requires_and_the_trigger_metadata()
    {
        var request = Message("InvocationRequest");
        Assert.Equal("RpcTraceContext", request.FindFieldByName("trace_context")?.MessageType.Name);
        Assert.True(request.FindFieldByName("trigger_metadata")?.IsMap);
        Assert.True(request.FindFieldByName("input_data")?.IsRepeated);
        Assert.NotNull(Message("RpcTraceContext").FindFieldByName("trace_parent"));
    }

    [Fact]
    public void The_HTTP_trigger_input_is_RpcHttp_with_nullable_dictionaries()
    {
        var http = Message("TypedData").FindFieldByName("http");
        Assert.Equal("RpcHttp", http?.MessageType.Name);
        Assert.NotNull(Message("RpcHttp").FindFieldByName("nullable_headers"));
        Assert.NotNull(Message("RpcHttp").FindFieldByName("nullable_params"));
    }

    [Fact]
    public void The_ASP_NET_Core_integration_reports_HttpUri_and_pairs_requests_by_x_ms_invocation_id()
    {
        // Read from the extension the test worker ships (the constants are internal to it).
        var extension = Assembly.LoadFrom(Path.Combine(BuiltApps.TestWorkerDirectory, "Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore.dll"));
        var constants = extension.GetType("Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore.Constants", throwOnError: true)!;

        Assert.Equal(FunctionsLocalHost.HttpUriCapability, Constant(constants, "HttpUriCapability"));
        Assert.Equal(Saison.LocalHost.Http.HttpProxy.InvocationIdHeader, Constant(constants, "CorrelationHeader"));
    }

    private static object? Constant(Type type, string name) =>
        (type.GetField(name, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            ?? throw new Xunit.Sdk.XunitException($"{type.FullName}.{name} is gone.")).GetRawConstantValue();
}
