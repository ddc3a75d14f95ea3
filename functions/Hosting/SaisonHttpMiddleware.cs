using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Saison.Functions.Hosting;

/// <summary>
/// The worker middleware of every HTTP function: runs the request through the app's HTTP pipeline
/// (<see cref="SaisonOperations.RunAsync"/>: problems, authentication, roles, body guard, form tokens),
/// whose last step is the function itself. Timer invocations pass straight through.
/// </summary>
public sealed class SaisonHttpMiddleware(SaisonOperations operations) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.GetHttpContext();
        if (http is null)
        {
            return next(context);
        }

        if (!operations.Functions.TryGetValue(context.FunctionDefinition.Name, out var endpoint))
        {
            throw new InvalidOperationException($"The HTTP function '{context.FunctionDefinition.Name}' has no operation of that name.");
        }

        return operations.RunAsync(http, endpoint, () => next(context));
    }
}
