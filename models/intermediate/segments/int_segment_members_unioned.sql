{#- Every segment model of models/marts/segments, one row per profile and segment, as the
    segments say now. A model in that folder must be listed here:
    the on-run-start check (unlisted_segment_models) fails every run while one is missing (ADR 0004). -#}
{%- set segment_models = [
    ref('segment_high_value_customers'),
    ref('segment_leather_shoe_browsers_without_checkout'),
    ref('segment_mobile_app_users'),
    ref('segment_mobile_pre_order_customers'),
    ref('segment_organic_visitors'),
    ref('segment_unknown_leather_shoe_prospects'),
    ref('segment_unknown_visitors'),
] -%}

with unioned as (
    {% for segment in segment_models %}
        select
            '{{ segment.identifier | replace("segment_", "", 1) }}' as segment_name,
            customer_id,
            qualified_at
        from {{ segment }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        segment_name,
        customer_id,
        qualified_at
    from unioned
)

select * from final
