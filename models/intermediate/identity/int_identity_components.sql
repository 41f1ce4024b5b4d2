{{ config(post_hook="{% do drop_connected_components_scratch(this) %}") }}

{#- One row per identifier with the connected component it belongs to in the identity graph
    (identifiers linked directly or transitively through shared records). -#}
with components as (
    {{ resolve_connected_components(
        nodes_relation=ref('int_identifiers'),
        node_column='identifier_id',
        edges_relation=ref('int_identity_edges'),
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
