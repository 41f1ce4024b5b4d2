{#- Every identifier with the unified profile it belongs to.

    Profiles: a seed (limited identifiers linked within limits, int_identity_seeds) with the
    identifiers attached to it (int_identities_attached), or a group of identifiers linked to
    no seed (int_identity_components). Shared identifiers (equally near to several seeds) and
    hubs (int_identity_hubs) belong to no profile here (customer_id NULL, is_shared): their
    activities are split by time downstream. A hub seen with no identifier of any profile (only
    next to shared identifiers or other hubs) is a profile of its own instead, so its records
    still belong to someone.

    customer_id is derived from the profile's anchor identifier: among its non-shared
    identifiers the one seen earliest, ties broken by the type's anchor_priority
    (seeds/config/identifier_types.csv), then by type and value. The id is a hash of the anchor
    alone, so it does not depend on row order, on unrelated data, or on identifiers the profile
    gains later unless a merge brings in an older anchor. -#}
with int_identifiers as (
    select * from {{ ref('int_identifiers') }}
),

int_identity_seeds as (
    select * from {{ ref('int_identity_seeds') }}
),

int_identities_attached as (
    select * from {{ ref('int_identities_attached') }}
),

int_identity_components as (
    select * from {{ ref('int_identity_components') }}
),

int_identity_hubs as (
    select * from {{ ref('int_identity_hubs') }}
),

int_identity_edges as (
    select * from {{ ref('int_identity_edges') }}
    where value_rejection_reason is null
),

grouped as (
    select
        int_identifiers.*,
        coalesce(int_identities_attached.is_shared, false) as is_equally_near,
        int_identity_hubs.identifier_id is not null as is_hub,
        coalesce(int_identities_attached.links_to_seed, 0) as links_to_seed,
        case
            when
                int_identities_attached.is_shared
                or int_identity_hubs.identifier_id is not null
                then null
            else coalesce(
                'seed:' || int_identity_seeds.seed_id,
                'seed:' || int_identities_attached.seed_id,
                'component:' || int_identity_components.component_id
            )
        end as profile_key
    from int_identifiers
    left join int_identity_seeds
        on int_identifiers.identifier_id = int_identity_seeds.identifier_id
    left join int_identities_attached
        on int_identifiers.identifier_id = int_identities_attached.identifier_id
    left join int_identity_components
        on int_identifiers.identifier_id = int_identity_components.identifier_id
    left join int_identity_hubs
        on int_identifiers.identifier_id = int_identity_hubs.identifier_id
),

hub_links as (
    -- joins, not `in (subquery)`: Spark 4.3 fails to ship a subquery over a union (the unit
    -- tests' fixtures) to its executors
    select
        int_identity_edges.from_identifier_id as hub_id,
        int_identity_edges.to_identifier_id as linked_id
    from int_identity_edges
    inner join int_identity_hubs
        on int_identity_edges.from_identifier_id = int_identity_hubs.identifier_id

    union all

    select
        int_identity_edges.to_identifier_id as hub_id,
        int_identity_edges.from_identifier_id as linked_id
    from int_identity_edges
    inner join int_identity_hubs
        on int_identity_edges.to_identifier_id = int_identity_hubs.identifier_id
),

hubs_next_to_a_profile as (
    -- hubs seen on a record together with an identifier of a profile
    select distinct hub_links.hub_id
    from hub_links
    inner join grouped
        on hub_links.linked_id = grouped.identifier_id
    where grouped.profile_key is not null
),

profiled as (
    -- a hub seen with no identifier of any profile (only with shared identifiers or other
    -- hubs) is a profile of its own: it still links nothing, but its records belong somewhere
    select
        grouped.identifier_id,
        grouped.identifier_type,
        grouped.identifier_value,
        grouped.source_names,
        grouped.anchor_priority,
        grouped.activity_count,
        grouped.links_to_seed,
        grouped.is_personal,
        grouped.is_limited,
        grouped.is_hub,
        grouped.first_seen_at,
        grouped.last_seen_at,
        coalesce(
            grouped.profile_key,
            case
                when grouped.is_hub and hubs_next_to_a_profile.hub_id is null
                    then 'hub:' || grouped.identifier_id
            end
        ) as profile_key,
        grouped.is_equally_near
        or (grouped.is_hub and hubs_next_to_a_profile.hub_id is not null) as is_shared
    from grouped
    left join hubs_next_to_a_profile
        on grouped.identifier_id = hubs_next_to_a_profile.hub_id
),

ranked as (
    select
        *,
        row_number() over (
            partition by profile_key
            order by first_seen_at, anchor_priority, identifier_type, identifier_value
        ) as anchor_rank
    from profiled
    where profile_key is not null
),

anchors as (
    select
        profile_key,
        identifier_type as anchor_identifier_type,
        identifier_value as anchor_identifier_value,
        'cus_' || {{ dbt.hash("identifier_type || ':' || identifier_value") }} as customer_id
    from ranked
    where anchor_rank = 1
),

final as (
    select
        -- ids
        profiled.identifier_id,
        anchors.customer_id,
        -- strings
        profiled.identifier_type,
        profiled.identifier_value,
        profiled.source_names,
        anchors.anchor_identifier_type,
        anchors.anchor_identifier_value,
        -- numerics
        profiled.anchor_priority,
        profiled.activity_count,
        profiled.links_to_seed,
        -- booleans
        profiled.is_personal,
        profiled.is_limited,
        profiled.is_shared,
        profiled.is_hub,
        coalesce(
            profiled.identifier_type = anchors.anchor_identifier_type
            and profiled.identifier_value = anchors.anchor_identifier_value,
            false
        ) as is_anchor,
        -- timestamps
        profiled.first_seen_at,
        profiled.last_seen_at
    from profiled
    left join anchors
        on profiled.profile_key = anchors.profile_key
)

select * from final
