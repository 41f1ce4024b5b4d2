{#- Why are these two records one customer? One row per link between two identifier values seen
    on the same record(s), with its provenance and whether identity resolution used it:
      used                       both ends are in the same profile through this link
      rejected: <value reason>   one end is no identifier (invalid email, blocked value …)
      rejected: identifier limit the link would put more ids of a limited type in one profile
      rejected: hub identifier   one end is linked to more identifiers of one personal type
                                 than its type's max_links_per_type (a dummy phone …)
      rejected: shared identifier one end is shared by several known profiles (its activities
                                 are split by time instead)
      rejected: separate known profiles   the ends were attached to different known profiles -#}
with int_identity_edges as (
    select * from {{ ref('int_identity_edges') }}
),

int_identity_limited_edges as (
    select * from {{ ref('int_identity_limited_edges') }}
),

int_identity_seeds as (
    select * from {{ ref('int_identity_seeds') }}
),

int_identities_resolved as (
    select * from {{ ref('int_identities_resolved') }}
),

pairs as (
    select * from int_identity_edges
),

judged as (
    select
        pairs.*,
        from_resolved.customer_id as from_customer_id,
        to_resolved.customer_id as to_customer_id,
        case
            when pairs.value_rejection_reason is not null
                then 'rejected: ' || pairs.value_rejection_reason
            when not int_identity_limited_edges.is_within_limits or from_seed.is_dissolved
                then 'rejected: identifier limit'
            when from_resolved.is_hub or to_resolved.is_hub
                then 'rejected: hub identifier'
            when from_resolved.is_shared or to_resolved.is_shared
                then 'rejected: shared identifier'
            when from_resolved.customer_id != to_resolved.customer_id
                then 'rejected: separate known profiles'
            else 'used'
        end as edge_status
    from pairs
    left join int_identity_limited_edges
        on
            pairs.from_identifier_id = int_identity_limited_edges.from_identifier_id
            and pairs.to_identifier_id = int_identity_limited_edges.to_identifier_id
    left join int_identity_seeds as from_seed
        on
            pairs.from_identifier_id = from_seed.identifier_id
            and int_identity_limited_edges.identity_edge_id is not null
    left join int_identities_resolved as from_resolved
        on pairs.from_identifier_id = from_resolved.identifier_id
    left join int_identities_resolved as to_resolved
        on pairs.to_identifier_id = to_resolved.identifier_id
),

final as (
    select
        -- ids
        cast(
            {{ dbt.hash("from_identifier_id || ':' || to_identifier_id") }}
            as {{ dbt.type_string() }}
        ) as identity_edge_id,
        cast(from_identifier_id as {{ dbt.type_string() }}) as from_identifier_id,
        cast(to_identifier_id as {{ dbt.type_string() }}) as to_identifier_id,
        cast(from_customer_id as {{ dbt.type_string() }}) as from_customer_id,
        cast(to_customer_id as {{ dbt.type_string() }}) as to_customer_id,
        cast(example_activity_id as {{ dbt.type_string() }}) as example_activity_id,
        -- strings
        cast(from_identifier_type as {{ dbt.type_string() }}) as from_identifier_type,
        cast(from_identifier_value as {{ dbt.type_string() }}) as from_identifier_value,
        cast(to_identifier_type as {{ dbt.type_string() }}) as to_identifier_type,
        cast(to_identifier_value as {{ dbt.type_string() }}) as to_identifier_value,
        cast('same record' as {{ dbt.type_string() }}) as link_rule,
        cast(source_names as {{ dbt.type_string() }}) as source_names,
        cast(edge_status as {{ dbt.type_string() }}) as edge_status,
        -- numerics
        cast(record_count as bigint) as record_count,
        -- booleans
        cast(edge_status = 'used' as boolean) as is_used,
        -- timestamps
        cast(first_seen_at as {{ dbt.type_timestamp() }}) as first_seen_at,
        cast(last_seen_at as {{ dbt.type_timestamp() }}) as last_seen_at
    from judged
    where
        not {{ is_erased_identifier('from_identifier_type', 'from_identifier_value') }}
        and not {{ is_erased_identifier('to_identifier_type', 'to_identifier_value') }}
)

select * from final
