{{ config(post_hook="{% do drop_connected_components_scratch(this) %}") }}

{#- Unknown profiles: identifiers linked to no known profile (neither limited nor attached to a
    seed nor shared nor a hub) grouped into connected components through the links among them.
    One row per such identifier with its component. -#}
{%- set unattached = "(select identifier_id from " ~ ref('int_identifiers')
    ~ " where not is_limited and identifier_id not in (select identifier_id from "
    ~ ref('int_identities_attached') ~ ") and identifier_id not in (select identifier_id from "
    ~ ref('int_identity_hubs') ~ ")) as unattached" -%}
{%- set unattached_edges = "(select from_identifier_id, to_identifier_id from "
    ~ ref('int_identity_edges') ~ " where value_rejection_reason is null"
    ~ " and from_identifier_id in (select identifier_id from "
    ~ unattached ~ ") and to_identifier_id in (select identifier_id from " ~ unattached
    ~ ")) as unattached_edges" -%}

with components as (
    {{ resolve_connected_components(
        nodes_relation=unattached,
        node_column='identifier_id',
        edges_relation=unattached_edges,
        from_column='from_identifier_id',
        to_column='to_identifier_id'
    ) }}
),

final as (
    select
        node_id as identifier_id,
        component_id
    from components
)

select * from final
