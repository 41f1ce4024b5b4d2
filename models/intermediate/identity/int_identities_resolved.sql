{#- Every identifier with the unified profile it belongs to.

    Profiles: a seed (limited identifiers linked within limits, int_identity_seeds) with the
    identifiers attached to it (int_identities_attached), or a group of identifiers linked to
    no seed (int_identity_components). Shared identifiers (equally near to several seeds) and
    hubs (int_identity_hubs) belong to no profile here (customer_id NULL, is_shared): their
    activities are split by time downstream.

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

grouped as (
    select
        int_identifiers.*,
        coalesce(int_identities_attached.is_shared, false)
        or int_identity_hubs.identifier_id is not null as is_shared,
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

ranked as (
    select
        *,
        row_number() over (
            partition by profile_key
            order by first_seen_at, anchor_priority, identifier_type, identifier_value
        ) as anchor_rank
    from grouped
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
        grouped.identifier_id,
        anchors.customer_id,
        -- strings
        grouped.identifier_type,
        grouped.identifier_value,
        grouped.source_names,
        anchors.anchor_identifier_type,
        anchors.anchor_identifier_value,
        -- numerics
        grouped.anchor_priority,
        grouped.activity_count,
        grouped.links_to_seed,
        -- booleans
        grouped.is_personal,
        grouped.is_limited,
        grouped.is_shared,
        grouped.is_hub,
        coalesce(
            grouped.identifier_type = anchors.anchor_identifier_type
            and grouped.identifier_value = anchors.anchor_identifier_value,
            false
        ) as is_anchor,
        -- timestamps
        grouped.first_seen_at,
        grouped.last_seen_at
    from grouped
    left join anchors
        on grouped.profile_key = anchors.profile_key
)

select * from final
