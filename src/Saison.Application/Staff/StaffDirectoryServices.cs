using Azure;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Domain.Staff;
using Saison.Storage;

namespace Saison.Application.Staff;

/// <summary>What a caller sends to create (with an optional id) or replace a municipal service.</summary>
public sealed record ServiceInput(string? Id, string? Name);

/// <summary>
/// The directory also offers its services' names to other areas (the COPIL's load per service), and keeps them:
/// a new season's services are created through the API (create, read, replace with If-Match), like its teams.
/// </summary>
public sealed partial class StaffDirectory : IStaffServices
{
    /// <summary>A service by id, or null.</summary>
    public Task<Versioned<Service>?> FindServiceAsync(int season, string serviceId, CancellationToken cancellationToken = default) =>
        IsValidId(serviceId) ? _services.GetAsync(Partition(season), ServicePrefix + serviceId, cancellationToken) : Task.FromResult<Versioned<Service>?>(null);

    /// <summary>Creates a service (id from the name when none is given).</summary>
    public async Task<ChangeResult<Service>> CreateServiceAsync(int season, ServiceInput input, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = input.Id ?? Slug(input.Name);
        var (service, errors) = ValidateService(id, input);
        if (service is null)
        {
            return ChangeResult<Service>.Invalid(errors);
        }

        try
        {
            var etag = await _services.InsertAsync(Partition(season), ServicePrefix + id, service, cancellationToken).ConfigureAwait(false);
            await _audit.RecordAsync(caller, "staff.service.create", Target(season, "services", id), null, service, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ChangeResult<Service>.Done(new(service, etag));
        }
        catch (TableStoreException e) when (e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
        {
            return ChangeResult<Service>.AlreadyExists($"Le service « {id} » existe déjà.");
        }
    }

    /// <summary>Renames a service if it still has <paramref name="ifMatch"/> (its id never changes: teams and catalogue items name it).</summary>
    public async Task<ChangeResult<Service>> ReplaceServiceAsync(int season, string serviceId, ServiceInput input, ETag ifMatch, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await FindServiceAsync(season, serviceId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return ChangeResult<Service>.NotFound($"Aucun service « {serviceId} » pour la saison {season}.");
        }

        if (input.Id is not null && input.Id != serviceId)
        {
            return ChangeResult<Service>.Invalid(new Dictionary<string, string[]> { ["id"] = ["L'identifiant d'un service ne change pas."] });
        }

        var (service, errors) = ValidateService(serviceId, input);
        if (service is null)
        {
            return ChangeResult<Service>.Invalid(errors);
        }

        try
        {
            var etag = await _services.ReplaceAsync(Partition(season), ServicePrefix + serviceId, service, ifMatch, cancellationToken).ConfigureAwait(false);
            await _audit.RecordAsync(caller, "staff.service.update", Target(season, "services", serviceId), current.Value, service, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ChangeResult<Service>.Done(new(service, etag));
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return ChangeResult<Service>.Stale();
        }
    }

    private static (Service? Service, Dictionary<string, string[]> Errors) ValidateService(string id, ServiceInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsValidId(id))
        {
            errors["id"] = ["L'identifiant doit contenir de 1 à 64 caractères : lettres minuscules, chiffres et tirets."];
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 120)
        {
            errors["name"] = ["Le nom du service est obligatoire (120 caractères au plus)."];
        }

        return errors.Count > 0 ? (null, errors) : (new Service(id, input.Name!.Trim()), errors);
    }
}
