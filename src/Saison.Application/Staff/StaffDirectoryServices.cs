using Azure;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Domain.Staff;

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
    public async Task<Outcome<Service>> CreateServiceAsync(int season, ServiceInput input, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = input.Id ?? Slug(input.Name);
        var (service, errors) = ValidateService(id, input);
        if (service is null)
        {
            return Outcome<Service>.Invalid(errors);
        }

        return await InsertAsync(_services, season, ServicePrefix + id, service, ("staff.service.create", "services", id), $"Le service « {id} » existe déjà.", caller, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renames a service if it still has <paramref name="ifMatch"/> (its id never changes: teams and catalogue items name it).</summary>
    public async Task<Outcome<Service>> ReplaceServiceAsync(int season, string serviceId, ServiceInput input, ETag ifMatch, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await FindServiceAsync(season, serviceId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Outcome<Service>.NotFound($"Aucun service « {serviceId} » pour la saison {season}.");
        }

        if (input.Id is not null && input.Id != serviceId)
        {
            return Outcome<Service>.Invalid(new Dictionary<string, string[]> { ["id"] = ["L'identifiant d'un service ne change pas."] });
        }

        var (service, errors) = ValidateService(serviceId, input);
        if (service is null)
        {
            return Outcome<Service>.Invalid(errors);
        }

        if (current.ETag != ifMatch)
        {
            return Outcome<Service>.Stale();
        }

        return await ReplaceAsync(_services, season, ServicePrefix + serviceId, current.Value, service, ifMatch, ("staff.service.update", "services", serviceId), caller, cancellationToken).ConfigureAwait(false);
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
