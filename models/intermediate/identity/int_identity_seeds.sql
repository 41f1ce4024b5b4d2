{{ config(post_hook="{% do drop_connected_components_scratch(this) %}") }}

{#- The known cores of profiles: identifiers of limited types (user ids, CRM contact ids)
    grouped through the links between them that respect the limits. One row per limited
    identifier with its seed_id. If a group still holds more identifiers of a type than the type
    allows (possible only through chains over three or more limited types), the group is
    dissolved: each of its identifiers is a seed of its own. -#}
{%- set limited_nodes = "(select identifier_id from " ~ ref('int_identifiers')
    ~ " where is_limited) as limited_nodes" -%}
{%- set limited_edges = "(select from_identifier_id, to_identifier_id from "
    ~ ref('int_identity_limited_edges') ~ " where is_within_limits) as limited_edges" -%}

with components as (
    {{ resolve_connected_components(
        nodes_relation=limited_nodes,
        node_column='identifier_id',
        edges_relation=limited_edges,
        from_column='from_identifier_id',
        to_column='to_identifier_id'
    ) }}
),

int_identifiers as (
    select * from {{ ref('int_identifiers') }}
),

type_counts as (
    select
        components.component_id,
        int_identifiers.identifier_type,
        min(int_identifiers.max_per_profile) as max_per_profile,
        count(*) as identifier_count
    from components
    inner join int_identifiers
        on components.node_id = int_identifiers.identifier_id
    group by components.component_id, int_identifiers.identifier_type
),

violating_components as (
    select distinct component_id
    from type_counts
    where identifier_count > max_per_profile
),

final as (
    select
        components.node_id as identifier_id,
        violating_components.component_id is not null as is_dissolved,
        case
            when violating_components.component_id is not null then components.node_id
            else components.component_id
        end as seed_id
    from components
    left join violating_components
        on components.component_id = violating_components.component_id
)

select * from final
