{#- An erasure request that names a hub (a value linked to more people than its type allows,
    e.g. a dummy phone typed at many checkouts; int_identity_hubs) erases every profile whose
    records carry it, as for any shared identifier: possibly hundreds of guests. Warn, naming the
    request and how many profiles it erased, so the data-protection team can check whether the
    person can be named by an identifier of their own. -#}
{{ config(severity='warn') }}

with int_erased_identifiers as (
    select * from {{ ref('int_erased_identifiers') }}
),

int_identities_resolved as (
    select * from {{ ref('int_identities_resolved') }}
),

hub_requests as (
    select distinct int_erased_identifiers.request_id
    from int_erased_identifiers
    inner join int_identities_resolved
        on
            int_erased_identifiers.identifier_type = int_identities_resolved.identifier_type
            and int_erased_identifiers.identifier_value = int_identities_resolved.identifier_value
    where
        int_identities_resolved.is_hub
        and int_erased_identifiers.customer_id is null
)

select
    int_erased_identifiers.request_id,
    count(distinct int_erased_identifiers.customer_id) as erased_profile_count
from int_erased_identifiers
inner join hub_requests
    on int_erased_identifiers.request_id = hub_requests.request_id
group by int_erased_identifiers.request_id
