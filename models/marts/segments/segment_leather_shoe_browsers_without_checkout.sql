{#- Profiles that viewed at least one product in var('leather_shoes_category') and never
    started a checkout nor placed an order. Qualified at their first such product view. -#}
with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

customer_measures as (
    select * from {{ ref('customer_measures') }}
),

leather_shoe_views as (
    select
        customer_id,
        min(occurred_at) as first_viewed_at
    from fct_activities
    where
        activity_type = 'product_view'
        and lower(product_category) = lower({{ sql_string(var('leather_shoes_category')) }})
    group by customer_id
),

final as (
    select
        leather_shoe_views.customer_id,
        leather_shoe_views.first_viewed_at as qualified_at
    from leather_shoe_views
    inner join customer_measures
        on leather_shoe_views.customer_id = customer_measures.customer_id
    where
        customer_measures.checkout_started_count = 0
        and customer_measures.order_count = 0
)

select * from final
