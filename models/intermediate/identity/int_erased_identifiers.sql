{#- Right to erasure: every identifier to keep out of marts, exports and the API, with the
    profile it belongs to. A request (seeds/config/erasure_requests.csv) names one identifier;
    the whole profile holding it is erased: the requested value itself (normalised like the
    identity graph), every identifier of that profile, and every profile that a record carrying
    the value was attributed to (so a shared identifier, which belongs to no single profile,
    erases each profile it appears in). -#}
{{ config(materialized='table') }}

with erasure_requests as (
    select * from {{ ref('erasure_requests') }}
),

int_identities_resolved as (
    select * from {{ ref('int_identities_resolved') }}
),

int_activities_attributed as (
    select * from {{ ref('int_activities_attributed') }}
),

int_identifiers_normalized as (
    select * from {{ ref('int_identifiers_normalized') }}
),

requested as (
    select
        request_id,
        identifier_type,
        {{ normalize_identifier_value(
            'identifier_type', 'identifier_value', "'" ~ var('phone_default_country') ~ "'"
        ) }} as identifier_value
    from erasure_requests
),

erased_customers as (
    select
        requested.request_id,
        int_identities_resolved.customer_id
    from requested
    inner join int_identities_resolved
        on
            requested.identifier_type = int_identities_resolved.identifier_type
            and requested.identifier_value = int_identities_resolved.identifier_value
    where int_identities_resolved.customer_id is not null

    union

    select
        requested.request_id,
        int_activities_attributed.customer_id
    from requested
    inner join int_identifiers_normalized
        on
            requested.identifier_type = int_identifiers_normalized.identifier_type
            and requested.identifier_value = int_identifiers_normalized.identifier_value
    inner join int_activities_attributed
        on int_identifiers_normalized.activity_id = int_activities_attributed.activity_id
    where int_activities_attributed.customer_id is not null
),

profile_identifiers as (
    select
        erased_customers.request_id,
        int_identities_resolved.identifier_type,
        int_identities_resolved.identifier_value,
        erased_customers.customer_id
    from erased_customers
    inner join int_identities_resolved
        on erased_customers.customer_id = int_identities_resolved.customer_id
),

unioned as (
    select
        request_id,
        identifier_type,
        identifier_value,
        cast(null as {{ dbt.type_string() }}) as customer_id
    from requested
    where identifier_value is not null

    union

    select
        request_id,
        identifier_type,
        identifier_value,
        customer_id
    from profile_identifiers

    union

    -- a profile whose every identifier is gone still has its id erased
    select
        request_id,
        cast(null as {{ dbt.type_string() }}) as identifier_type,
        cast(null as {{ dbt.type_string() }}) as identifier_value,
        customer_id
    from erased_customers
),

final as (
    select
        request_id,
        identifier_type,
        identifier_value,
        customer_id
    from unioned
)

select * from final
