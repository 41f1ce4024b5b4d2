{{ config(post_hook="{% do drop_nearest_seed_scratch(this) %}") }}

{#- Identifiers of unlimited types (email, phone, devices, cookies …) attached to the known
    profile they are nearest to in the identity graph (fewest links). One row per such
    identifier that is linked, directly or through other such identifiers, to at least one seed.
    An identifier equally near to two or more seeds is *shared* (e.g. a family tablet on which
    two users signed in, an office email on two CRM contacts): it joins none of them and links
    nothing further; its activities are split between them by time (int_activities_attributed).
    Hubs (int_identity_hubs) take no part: they are neither attached nor passed through. -#}
{%- set seeds = "(select identifier_id as node_id, seed_id from " ~ ref('int_identity_seeds')
    ~ ") as seeds" -%}
{%- set hubs = "(select identifier_id from " ~ ref('int_identity_hubs') ~ ")" -%}
{%- set edges = "(select from_identifier_id as from_id, to_identifier_id as to_id from "
    ~ ref('int_identity_edges') ~ " where value_rejection_reason is null"
    ~ " and from_identifier_id not in " ~ hubs ~ " and to_identifier_id not in " ~ hubs
    ~ ") as edges" -%}
{%- set free_nodes = "(select identifier_id as node_id from " ~ ref('int_identifiers')
    ~ " where not is_limited and identifier_id not in " ~ hubs ~ ") as free_nodes" -%}

with attached as (
    {{ assign_to_nearest_seed(
        seeds_relation=seeds, edges_relation=edges, free_nodes_relation=free_nodes
    ) }}
),

final as (
    select
        node_id as identifier_id,
        seed_id,
        distance as links_to_seed,
        seed_count as nearest_seed_count,
        seed_count > 1 as is_shared
    from attached
)

select * from final
